# Validation errors
error-email = Enter an email address such as name@example.org.
error-password-length = The password must hold between 10 and 128 characters.
error-display-name = Enter a name of 1 to 100 characters.
error-association-name = Enter a name of 1 to 120 characters.
error-language = Choose French or English.
error-theme-colour = Enter a colour written #rrggbb, such as #009e89.
error-token-scope = Choose read or read-write.
error-token-name = Enter a name of 1 to 60 characters.
error-password-mismatch = The two passwords differ.
error-current-password = The current password is not right.
error-login = Wrong email or password.
error-login-unconfirmed = Confirm your email address first: we have sent you a new link.
error-link-invalid = This link is invalid, already used or expired.
error-already-set-up = This instance is already set up.
error-not-found = This page does not exist, or you may not see it.
error-sign-in-required = Sign in to continue.
error-forbidden = You may not do this.
error-rate-limited = Too many attempts. Try again in a little while.
error-bad-request = The request could not be read: { $detail }
error-payload-too-large = The request is too large.
error-cross-site = This form was sent from another site and has been refused.
error-internal = Something went wrong on our side. It has been logged; try again later.
error-confirm-delete = Type your email address to confirm.
error-unsupported-media-type = Send this request as JSON, with the Content-Type application/json.
error-method-not-allowed = This address does not accept this method.

# Emails
email-confirm-subject = Confirm your address for { $association }
email-confirm-body =
    Hello,

    Someone, probably you, created an account with this address on { $association }.
    To confirm it, open this link within 48 hours:

    { $link }

    If it was not you, ignore this message: the account will not be activated.
email-already-registered-subject = Sign-up attempt on { $association }
email-already-registered-body =
    Hello,

    Someone tried to create an account with this address on { $association }, but you already have one.
    To sign in: { $login }
    If you forgot your password: { $reset }

    If it was not you, you can ignore this message.
email-reset-subject = Reset your password on { $association }
email-reset-body =
    Hello,

    To choose a new password, open this link within one hour:

    { $link }

    If you did not ask for it, ignore this message: your password stays as it is.
email-password-changed-subject = Your password on { $association } was changed
email-password-changed-body =
    Hello,

    The password of your account on { $association } was just changed, and your other sessions were closed.
    If it was not you, reset it now: { $reset }

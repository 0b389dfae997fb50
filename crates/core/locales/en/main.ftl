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
error-invalid-token = This API token is invalid, revoked or malformed.
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

# Layout
nav-skip = Skip to content
nav-label = Main menu
nav-home = Home
nav-account = My account
nav-audit = Audit log
nav-login = Log in
nav-logout = Log out
nav-signup = Sign up
nav-language = Language
footer-powered = Runs on Cercle, free software under the AGPL.
error-title = Something is wrong
error-back-home = Back to the home page

# Home
home-title = Home
home-intro = Welcome! Create an account to join the association's communities and take part.
home-welcome-back = Welcome back, { $name }.

# Setup
setup-title = Set up your instance
setup-intro = Name your association and create its first administrator. You can change all of this later.
setup-association = The association
setup-name = Name of the association
setup-language = Default language
setup-colour = Theme colour
setup-admin = The first administrator
setup-submit = Create the instance

# Forms
field-display-name = Your name
field-email = Email address
field-password = Password
field-password-hint = (10 to 128 characters)
field-new-password = New password
field-password-again = New password, again
field-current-password = Current password

# Sign-up, log-in, passwords
signup-title = Create an account
signup-submit = Create my account
signup-have-account = Already have an account?
signup-done-title = Check your inbox
signup-done = If this address can be used, a message is on its way to it. Open the link it holds to confirm your address, then log in.
confirm-title = Address confirmed
confirm-done = Your email address is confirmed. You can now log in.
login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
forgot-title = Forgot your password
forgot-intro = Enter your email address: if it has an account, we will send you a link to choose a new password.
forgot-submit = Send me a link
forgot-done = If this address has an account, a link to choose a new password is on its way. It works for one hour.
reset-title = Choose a new password
reset-submit = Save the new password
reset-done = Your password has been changed and your sessions closed. Log in with the new one.

# Account
account-title = My account
account-profile = Profile
account-member-since = Account created
account-password = Change my password
account-password-submit = Change the password
account-password-changed = Your password has been changed. Your other sessions are closed.
account-delete = Delete my account
account-delete-intro = This deletes your account, your sessions and your API tokens for good.
account-delete-confirm = Type your email address to confirm
account-delete-submit = Delete my account
tokens-title = API tokens
tokens-intro = A token lets a program use the API in your name. Read-only tokens cannot change anything.
tokens-none = You have no token.
tokens-name = Token name
tokens-scope = Access
tokens-scope-read = Read only
tokens-scope-read-write = Read and write
tokens-created-at = Created
tokens-last-used = Last used
tokens-never-used = never
tokens-actions = Actions
tokens-revoke = Revoke
tokens-create = Create a token
tokens-created = Here is your new token. Copy it now: it will not be shown again.

# Administration
audit-title = Audit log
audit-empty = Nothing recorded yet.
audit-when = When
audit-who = Who
audit-what = What
audit-subject = Subject

# Dates, money and standing
error-date = Enter a date such as 2026-03-01 or 01/03/2026.
error-amount = Enter an amount such as 30 or 30.50.
error-currency = Enter a three-letter currency code such as EUR.
standing-good = { $holder }'s dues are paid until { $date }.
standing-unpaid = { $holder }'s { $year } dues are unpaid since { $date }.
standing-ended = { $holder }'s membership ended on { $date }.
standing-not-started = { $holder }'s membership has not started yet.
standing-applicant = { $holder }'s application is waiting for the bureau.
standing-lapsed = { $holder }'s membership has lapsed.
standing-resigned = { $holder } has resigned.
standing-excluded = { $holder } was excluded.
standing-none = { $holder } holds no membership and is affiliated to no member organisation.

# Register and dues: errors
error-role = Choose roles from the list.
error-last-administrator = You cannot remove your own administrator role.
error-organisation-choice = Choose an organisation from the list.
error-organisation-taken = An organisation already has this name.
error-organisation-name = Enter a name of 1 to 150 characters.
error-no-such-person = No account has this email address.
error-plan-taken = A plan already has this name.
error-plan-choice = Choose a plan from the list.
error-plan-holder = This plan is for another kind of holder.
error-policy-forbids = The association's membership policy does not allow this kind of holder.
error-holder = Choose who holds the membership.
error-period-choice = Choose one of this membership's periods.
error-category = Choose a category from the list.
error-scale = These sizes do not fit together: see `cercle admin generate --help`.
error-web-address = Enter an address starting with https:// or http://.
error-size = Enter a whole number of people.
error-text-too-long = This text is too long.
error-tags = Enter at most 20 comma-separated items of up to 40 characters.
error-membership-policy = Choose one of the policies.
error-billing-period = Choose yearly or monthly.
error-holder-kind = Choose person or organisation.
error-plan-name = Enter a name of 1 to 80 characters.
error-services = Enter at most 30 services, one per line.
error-prices = Enter one amount, or size bands such as 0:500; 50:1200 starting at 0.
error-prices-person = A plan for people has a single price.
error-membership-status = Choose a status from the list.
error-payment-method = Choose a payment method from the list.
category-company = Company
category-public-body = Public body
category-research-unit = Research unit
category-association = Association
category-international-organisation = International organisation
category-other = Other

# Register and dues: pages
yes = yes
no = no
nav-plans = Membership
nav-organisations = Organisations
nav-memberships = Memberships
nav-people = People
nav-settings = Settings
account-membership = My membership
profile-title = My profile
profile-job-title = Job title
profile-employer = Employer
profile-employer-organisation = Employer (member organisation)
profile-employer-none = None, or not listed
profile-employer-other = Employer (if not listed)
profile-bio = About me
profile-expertise = Expertise
profile-languages = Languages spoken
profile-comma-separated = (separated by commas)
profile-public = Show my profile to the other members
profile-save = Save my profile
profile-review-reminder = Is your job and employer still right? The communities count on it to know who they talk to.
profile-still-current = Yes, still right
profile-update = Update my profile
profile-edit-link = Edit my profile
profile-view-link = See my profile as others see it
people-title = People
people-roles = Roles
people-public = Public profile
people-search = Name or email address
people-search-submit = Search
people-found = { $count } person(s)
people-pages = Pages of the register
person-title = Profile
person-about = About
person-adherence = Membership:
person-private = This profile is visible only to its owner and to the bureau.
person-roles-legend = Association roles
person-roles-save = Save the roles
role-administrator = Administrator
role-bureau-member = Bureau member
role-treasurer = Treasurer
role-moderator = Moderator
role-security-contact = Security contact
settings-title = Settings
settings-policy = Who may hold a membership
settings-save = Save the settings
policy-individuals-only = Individuals only, not organisations
policy-organisations-only = Organisations only; their people are affiliated to them
policy-both = Individuals and organisations
organisations-title = Member organisations
organisations-none = No organisation yet.
organisations-search = Part of the name
organisations-found = { $count } organisation(s)
organisations-pages = Pages of the organisations
organisations-new = Add an organisation
organisations-create = Add the organisation
organisation-title = Organisation
organisation-name = Name
organisation-category = Category
organisation-website = Website
organisation-logo = Logo address
organisation-size = Number of people
organisation-description = Short text
organisation-people = Affiliated people
organisation-representative = Representative
organisation-unaffiliate = Remove
organisation-affiliate = Affiliate a person
organisation-affiliate-submit = Affiliate
organisation-edit = Edit the organisation
organisation-save = Save the organisation
plans-title = Membership plans
plans-none = No plan yet.
plans-new = Add a plan
plans-create = Add the plan
plans-name = Name
plans-holder = For
plans-holder-person = People
plans-holder-organisation = Organisations
plans-period = Period
plans-period-yearly = Yearly
plans-period-monthly = Monthly
plans-prices = Price
plans-prices-hint = (one amount, or size bands such as 0:500; 50:1200)
plans-currency = Currency
plans-services = Services included
plans-services-hint = (one per line)
plans-non-voting = Its holders do not vote in general assemblies (honorary or supporting members…)
plans-from-size = From { $size } people
memberships-title = Memberships
memberships-none = No membership yet.
memberships-count = { $count } membership(s)
memberships-pages = Pages of the memberships
memberships-find-holder = Find the holder
memberships-find-holder-hint = Part of a person's name or email address, or of an organisation's name: the list below shows the first that match.
memberships-new = Open a membership
memberships-create = Open the membership
memberships-holder = Holder
memberships-plan = Plan
memberships-status = Status
memberships-standing = Standing
memberships-starts-on = Starts on
membership-title = Membership
membership-summary = Summary
membership-periods = Periods
membership-period = Period
membership-due = Due
membership-paid = Paid
membership-renew = Add the next period
membership-payments = Payments
membership-no-payment = No payment recorded.
membership-paid-on = Paid on
membership-amount = Amount
membership-method = Method
membership-reference = Reference
membership-record-payment = Record a payment
membership-record = Record the payment
membership-change-status = Change the status
membership-change-status-submit = Change the status
status-applicant = Applicant
status-active = Active
status-lapsed = Lapsed
status-resigned = Resigned
status-excluded = Excluded
method-transfer = Bank transfer
method-card = Card
method-cheque = Cheque
method-cash = Cash
method-direct-debit = Direct debit
method-other = Other

# Admission
error-application-pending = You already have an application waiting for the bureau.
error-application-decided = This application has already been decided.
error-decision-needs-session = This application is on no session's agenda: hold a session of the bureau first.
error-refusal-reason = Say why the application is refused: the applicant will read it.
error-verdict = Choose to accept or to refuse.
error-motivation = Tell the bureau why you apply, in at most 4,000 characters.
error-session-title = Enter a title of 1 to 120 characters.
error-attendees = Choose the attendees from the list.
error-contribution-kind = Choose a kind of contribution from the list.
error-inactivity-days = Enter a number of days between 1 and 3650, or leave it empty.
email-application-accepted-subject = Welcome to { $association }
email-application-accepted-body =
    Hello,

    The bureau of { $association } has accepted your application.
    { $reason }

    Your membership and its dues are on your account page: { $account }
email-application-refused-subject = Your application to { $association }
email-application-refused-body =
    Hello,

    The bureau of { $association } has examined your application and could not accept it, for this reason:

    { $reason }
nav-apply = Apply
nav-bureau = Bureau
apply-title = Apply for membership
apply-intro = Your application goes to the bureau, which examines applications in its regular sessions and decides. You will be told by email.
apply-mine = My applications
apply-withdraw = Withdraw this application
apply-form = A new application
apply-organisation = On behalf of
apply-myself = Myself
apply-motivation = Why do you wish to join?
apply-submit = Send my application
application-status-pending = Waiting for the bureau
application-status-accepted = Accepted
application-status-refused = Refused
application-status-withdrawn = Withdrawn
application-decided-by = Decided by { $name }
bureau-title = The bureau
bureau-sessions = Sessions
bureau-no-session = No session yet.
bureau-held-on = Date
bureau-session-title = Title
bureau-agenda = Agenda
bureau-unscheduled = Applications waiting for a session
bureau-none-waiting = No application is waiting for a session.
bureau-new-session = Hold a session
bureau-new-session-hint = Every application waiting for a session goes on its agenda.
bureau-attendees = Attendees
bureau-hold = Open the session
bureau-default-title = Bureau session
bureau-empty-agenda = Nothing on the agenda.
bureau-notes = Minutes
bureau-save-notes = Save the minutes
session-title = Bureau session
decision-legend = Decision
decision-accept = Accept
decision-refuse = Refuse
decision-reason = Reason (told to the applicant)
decision-submit = Record the decision
settings-admission = Admission
settings-outside-sessions = Administrators may decide on applications outside the bureau's sessions
settings-inactivity = Membership lapses after this many days without a contribution
settings-inactivity-hint = (leave empty when membership does not depend on contributing)
contributions-title = Contributions
contributions-none = No contribution recorded.
contributions-on = Date
contributions-kind = Kind
contributions-note = Note
contributions-record = Record the contribution
contribution-moderation = Moderation
contribution-administration = Administration
contribution-development = Development
contribution-communication = Communication
contribution-donation = Donation
contribution-content = Content
contribution-events = Events

# Renewal and the active contributor rule
email-renewal-subject = { $holder }'s membership of { $association } ends on { $date }
email-renewal-body =
    Hello,

    The membership of { $holder } in { $association } ends on { $date }.
    To keep it, renew it and pay the next dues before then; until then, nothing changes.

    { $link }
email-ended-subject = { $holder }'s membership of { $association } has ended
email-ended-body =
    Hello,

    The membership of { $holder } in { $association } ended on { $date } and has not been renewed.
    Since that day it no longer counts for the communities that require it. Renewing restores it at once.

    { $link }
email-inactive-subject = Your membership of { $association } depends on your contributions
email-inactive-body =
    Hello,

    At { $association }, membership lasts while one contributes. Your last recorded contribution dates from { $last }.
    Without a new one, your membership will lapse on { $lapse }. Tell the bureau about what you do: moderation, administration, development, communication, donations, content, events all count.
email-inactive-lapsed-subject = Your membership of { $association } has lapsed
email-inactive-lapsed-body =
    Hello,

    Your last recorded contribution to { $association } dates from { $last }, so your membership has lapsed, as the association's rules provide.
    You remain welcome: contribute again and ask the bureau to restore it.

# Communities: errors and eligibility
error-community-kind = Choose community, working group, team or governing body.
error-visibility = Choose public, members only or secret.
error-access-policy = Choose open, on request, by co-optation, by application or by invitation.
error-engagement = Choose following the news, occasional or regular.
error-channels = Write one channel per line as: kind | name | https://address (kinds: slack, matrix, irc, mailing_list, github, other).
error-request-status = Choose a status from the list.
error-slug = Use 2 to 60 lower-case letters, digits and dashes.
error-community-name = Enter a name of 1 to 120 characters.
error-card-scores = Write scores as Axis: 0 to 100, separated by commas (at most 12).
eligibility-not-adherent = You are not an adherent of the association: { $reason }
eligibility-organisation-dues = Your organisation { $organisation } is not up to date with its dues.
eligibility-individuals-only = This community is for individual members: hold a membership of your own.
eligibility-not-contributor = This community is for active contributors: no contribution of yours is recorded in the last { $days } days.
error-slug-taken = Another community already uses this address.
error-already-member = You are already a member of this community.
error-request-pending = You already asked to join this community; the reviewers will answer.
error-request-decided = This request has already been answered.
email-arrival-subject = { $name } joins { $community }
email-arrival-body =
    Hello,

    { $name } has just joined { $community }. Welcome them!

    { $link }
email-arrivals-subject = { $names } join { $community }
email-arrivals-body =
    Hello,

    { $names } have just joined { $community }. Welcome them!

    { $link }
email-departure-subject = { $name } has left { $community }
email-departure-body =
    Hello,

    { $name } has left { $community }.
email-join-accepted-subject = Welcome to { $community }
email-join-accepted-body =
    Hello,

    Your request to join { $community } on { $association } has been accepted.
    { $message }

    { $link }
email-join-refused-subject = Your request to join { $community }
email-join-refused-body =
    Hello,

    Your request to join { $community } on { $association } could not be accepted, for this reason:

    { $reason }
nav-communities = Communities
communities-title = Communities and working groups
communities-search = Search
communities-all-kinds = All kinds
communities-filter = Filter
communities-none = No community matches.
communities-members = { $count } members
communities-new = Create a community
communities-create = Create the community
community-title = Community
community-edit-title = Edit the community
community-save = Save the community
community-name = Name
community-slug = Address
community-slug-hint = (lower-case letters, digits and dashes)
community-kind = Kind
community-theme = Theme
community-cadence = Meetings
community-cadence-hint = (such as "every week")
community-description = Description
community-objectives = Objectives
community-channels = Channels
community-channels-hint = (one per line: kind | name | https://address)
community-visibility = Visibility
community-access = Joining
community-eligibility = Who may join
community-contributor-days = Active contributors only: a contribution within this many days (or empty)
community-card = Profile card
community-card-scores = Scores (Axis: 0-100, separated by commas)
community-card-quotes = Quotes (one per line)
community-contact = Where to find us
community-sponsors = Sponsor on the association’s bodies
community-referents = Referents
community-join-title = Join
community-you-are-member = You are a member of this community.
community-leave = Leave the community
community-request-pending = Your request is waiting for the reviewers.
community-withdraw = Withdraw my request
community-engagement = Engagement
community-motivation = A word for the reviewers (optional)
community-join = Join
community-sign-in-to-join = Sign in to join
community-members = Members
join-refused = You cannot join this community yet:
requests-title = Requests to join
requests-none = No request is waiting.
requests-message = Message to the requester (required to refuse)
kind-community = Community
kind-working-group = Working group
kind-team = Team
kind-governing-body = Governing body
visibility-public = Public
visibility-members-only = Members of the association only
visibility-secret = Secret (its members only)
access-open = Open: whoever is eligible joins at once
access-request = On request, reviewed by the pilot, animators or facilitator
access-cooptation = By co-optation: a request is accepted once enough members vouch for it
access-application = By application: a form with the community's questions, an interview, then a decision
access-invitation = By invitation only
error-vouches-required = Give a number of vouches between 1 and 20.
error-invitation-only = This community is joined by invitation only.
error-answer-missing = Answer every question of the application.
error-interview-first = Record the applicant's interview before accepting the application.
error-exclusion-rule = Choose the rule of the charter that was broken.
exclusion-rule-reason = Rule { $rule } of the charter. { $reason }
cooptation-message = Co-opted by { $names }.
error-not-cooptation = This community does not join by co-optation.
error-already-vouched = You have already vouched for this request, or it has been decided.
error-not-application = Interviews are for communities joined by application.
error-interview-date = Give the date of the interview (YYYY-MM-DD).
error-interview-future = An interview is recorded once it has taken place.
error-already-member-invited = This person is already a member.
error-invitation-closed = This invitation can no longer be used.
error-invitation-other = This invitation was sent to another address: sign in with the invited address.
email-invitation-subject = Invitation to join { $community }
email-invitation-body =
    Hello,

    { $inviter } invites you to join { $community } on { $association }.
    Open this link to accept; it works once, until { $expires }:

    { $link }
community-vouches-required = ({ $count } vouches needed)
community-invitation-only = Joining is by invitation: ask a pilot or an animator.
community-cooptation = Requests awaiting co-optation
community-vouches-count = Vouches: { $count }
community-vouch = Vouch
community-invite = Invite someone
community-invite-submit = Send the invitation
community-invitations-open = Invitations not used yet
community-invitation-revoke = Revoke
community-exclude-rule = Rule of the charter broken
community-excluded-rule = Rule { $rule }
community-lapsed = Your access to this community is suspended until you meet its rules again:
community-vouches-field = Vouches needed (co-optation)
community-questions = Application questions
requests-application-steps = Applications: record the interview, then accept or refuse.
interview-recorded = Interview held on
interview-legend = Interview
interview-date = Date of the interview
interview-notes = Notes
interview-submit = Record the interview
requests-lapsed = Members whose membership lapsed
membership-lapsed-label = membership lapsed
invitation-title = Invitation
invitation-heading = Invitation to join { $community }
invitation-from = Sent by { $name }.
invitation-accept-title = Accept the invitation
invitation-for = For { $email }.
invitation-expires = Valid until { $date }.
invitation-sign-in = Sign in to accept
invitation-sign-up = Create an account with this address
invitation-other-person = You are signed in with another address than { $email }: sign in with the invited address to accept.
invitation-accept-submit = Join
invitation-state-used = This invitation has already been used.
invitation-state-revoked = This invitation has been revoked.
invitation-state-expired = This invitation has expired: ask for a new one.
engagement-news = Following the news
engagement-occasional = Occasional contribution
engagement-regular = Regular contribution
channel-slack = Slack
channel-matrix = Matrix
channel-irc = IRC
channel-mailing-list = Mailing list
channel-github = GitHub
channel-other = Link
rule-adherents-only = Adherents of the association only
rule-organisation-dues = The adherent organisation must be up to date with its dues
rule-individuals-only = Individual members only
rule-active-contributor = Active contributors only (a contribution in the last { $days } days)
community-role-pilot = Pilot
community-role-sponsor = Sponsor
community-role-animator = Animator
community-role-member = Member
community-role-facilitator = Facilitator
community-appoint = Appoint a role
community-role = Role
community-appoint-submit = Appoint
error-excluded = You were excluded from this community; only its moderators can readmit you.
error-exclusion-reason = Say which rule was broken: the person will read it.
error-not-a-member = This person is not a member of the community.
community-moderation = Moderation
community-exclude = Exclude a member
community-exclude-reason = Rule broken, and why (told to the person)
community-exclude-submit = Exclude
community-excluded = Excluded
community-readmit = Readmit
email-excluded-subject = You were excluded from { $community }
email-excluded-body =
    Hello,

    The moderators of { $community } on { $association } have excluded you, for this reason:

    { $reason }

    Being part of a community means accepting its rules. You can no longer take part in it.
error-charter = Read and accept the community's charter, in the version shown.
error-charter-empty = Write the charter's text.
community-charter = Charter
community-charter-version = Version { $version }
community-charter-accept = I have read and accept the charter
community-charter-changed = The charter has changed: please read it and accept the new version.
community-charter-accept-submit = Accept this version
community-charter-publish = Publish a new version
community-charter-publish-submit = Publish
community-engagement-save = Save my engagement

## Notifications and webhooks
nav-notifications = Notifications
nav-notifications-unread = Notifications ({ $count })
notification-arrival = { $name } joined { $community }
notification-arrivals = { $names } joined { $community }
newcomers-two = { $first } and { $second }
newcomers-three = { $first }, { $second } and { $third }
newcomers-more = { $names } and { $others } others
notification-departure = { $name } left { $community }
notification-accepted = Your request to join { $community } was accepted.
notification-refused = Your request to join { $community } was refused: { $reason }
notification-request-waiting = { $name } asks to join { $community }.
notification-excluded = You were excluded from { $community }: { $reason }
email-join-request-subject = { $name } asks to join { $community }
email-join-request-body =
    Hello,

    { $name } asks to join { $community }. As one of its reviewers, you can accept or refuse the request:

    { $link }
notifications-title = Notifications
notifications-none = You have no notifications yet.
notifications-unread-count = { $count } unread
notifications-unread = Unread
notifications-open = Open
notifications-mark-read = Mark as read
notifications-mark-all-read = Mark all as read
notifications-preferences-link = Choose which notifications also come by email
notification-preferences-title = Notification preferences
notification-preferences-intro = Every notification appears on your notifications page. Tick those you also want by email.
notification-preferences-email = Also by email
notification-preferences-language = Language of notifications and emails
notification-preferences-save = Save my preferences
notification-preferences-saved = Your preferences are saved.
notification-kind-community-arrival = Someone joins a community I belong to
notification-kind-community-departure = Someone leaves a community I lead
notification-kind-join-request-decided = My request to join a community is answered
notification-kind-join-request-waiting = Someone asks to join a community whose requests I review
notification-kind-excluded-from-community = I am excluded from a community
error-notification-kind = Choose kinds of notification from the list.
webhook-title = Chat webhook
webhook-intro = Arrivals in the community are posted to this incoming webhook of Slack, Mattermost or Matrix (hookshot generic webhook).
webhook-link = Chat webhook
webhook-current = Posting to { $url } ({ $kind }).
webhook-none = No webhook is set.
webhook-kind = Service
webhook-kind-slack = Slack
webhook-kind-mattermost = Mattermost
webhook-kind-matrix = Matrix (hookshot)
webhook-url = Webhook address
webhook-url-hint = starts with https://
webhook-save = Save the webhook
webhook-remove = Remove the webhook
error-webhook-kind = Choose Slack, Mattermost or Matrix.
error-webhook-url = Enter the webhook's full address, such as https://hooks.slack.com/services/…
error-webhook-https = The webhook's address must start with https://.
error-webhook-private = This address leads to this machine or to a private network: enter the chat service's public address.
## Public site
nav-about = About
nav-how-we-work = How we work
nav-governance = Governance
nav-who-uses-it = Who uses it
nav-who-develops = Who develops
nav-help = Get help
nav-site = Public site
nav-adopters-review = Adopters
home-get-involved = Get started today
home-get-involved-intro = There are several ways to get involved.
home-groups = Communities and working groups
home-highlights = Coming up
home-governance-link = Board and governance
site-learn-more = Learn more
site-logo-alt = Logo of { $name }
how-title = How we work
how-rules = Our rules
how-affiliation-individuals-only = Only individuals may become members, not organisations.
how-affiliation-organisations-only = Organisations become members, and their people are affiliated to them.
how-affiliation-both = Individuals and organisations may become members.
how-free = Taking part is free.
how-licence = Content is shared under the licence
how-conduct = Code of conduct
how-chatham = Chatham House Rule
governance-title = Governance
governance-none = No governing body is described yet.
governance-term = from { $start } to { $end }
governance-term-open = since { $start }
governance-communities = Their pages
adopters-title = Who uses it
adopters-none = No organisation is listed yet.
adopters-ask = Ask to be listed
adopters-ask-intro = Tell us about your organisation. A moderator reviews each request before it appears on this page.
adopters-yours = Your organisation on this page
adopters-shown = { $name } is shown on this page.
adopters-not-shown = { $name } is not shown on this page.
adopters-show = Show it
adopters-hide = Hide it
adopter-name = Name of the organisation
adopter-category = Category
adopter-text = What you do with it
adopter-link = Web site
adopter-email = Your email address
adopter-email-hint = for the moderators only, never shown
adopter-logo = Logo
adopter-logo-hint = optional: PNG, JPEG, WebP or SVG, at most 512 KB
adopter-submit = Send the request
adopter-received-title = Request received
adopter-received = Thank you. A moderator will review your request before it appears on the page.
developers-title = Who develops
developers-team = The team
developers-recorded = Recent contributors
developers-contributions = contributions: { $count }, the latest on { $date }
developers-others = Other contributors: { $count }
developers-none = No contributor is listed yet.
help-title = How to get help
help-channels = Chat and forums
help-lists = Mailing lists
help-steering = Steering committee
help-steering-contact = To contact the steering committee, write to
help-none = Nothing is listed yet.
help-kind-irc = IRC
help-kind-matrix = Matrix
help-kind-slack = Slack
help-kind-forum = Forum
help-kind-mailing-list = Mailing list
help-kind-other = Other
site-edit-title = Public site
site-texts = Texts
site-text-fr = in French
site-text-en = in English
site-markdown-hint = Markdown: links, emphasis and lists. Write in one language or both; readers see theirs, else the other.
site-welcome = Welcome, on the home page
site-rules = Rules, on "How we work"
site-code-of-conduct = Code of conduct
site-chatham = Chatham House Rule: where it applies (no section when empty)
site-developers = Introduction of "Who develops"
site-help = Introduction of "How to get help"
site-steering-note = Note on the steering committee's contact
site-free-participation = Taking part is free
site-licence-name = Licence of the content
site-licence-url = Address of the licence
site-steering-email = Steering committee's address
site-save = Save the texts
site-saved = Saved.
site-logo = Logo
site-logo-hint = PNG, JPEG, WebP or SVG, at most 512 KB
site-logo-upload = Upload the logo
site-logo-none = No logo yet.
site-sections = Lists
site-moderation-link = Adopters waiting for review
site-section-cards = Ways to get involved
site-section-highlights = Highlights
site-section-bodies = Governing bodies
site-section-members = Members
site-section-contributors = Contributors
site-section-help = Help channels and mailing lists
site-entry-add = Add
site-entry-save = Save
site-entry-delete = Delete
site-new-entry = New entry
site-new-member = New member of { $body }
site-field-position = Position
site-field-position-hint = smaller first
site-field-icon = Icon
site-field-kind = Kind
site-field-title = Title
site-field-name = Name
site-field-label = Label
site-field-text = Text
site-field-role = Role in the body
site-field-link = Link
site-field-link-hint = https://…, /path on this site, or mailto:address
site-field-date = Date
site-field-term-start = Start of the term
site-field-term-end = End of the term
site-field-body = Body
icon-hand = Hand
icon-chat = Speech bubble
icon-key = Key
icon-book = Books
icon-people = People
icon-calendar = Calendar
icon-code = Computer
icon-heart = Heart
icon-star = Star
icon-mail = Envelope
moderation-title = Adopters
moderation-pending = Waiting for review
moderation-none = No request is waiting.
moderation-approved = Listed
moderation-approve = Approve
moderation-refuse = Refuse
moderation-remove = Remove
moderation-contact = Contact
moderation-submitted = Submitted on { $date }
moderation-organisations = Member organisations
moderation-shown = Shown
moderation-not-shown = Not shown
communities-theme = Theme
communities-all-themes = All themes
communities-open-to-me = Open to me
communities-found = { $count } communities match.
communities-pages = Pages of the directory
pages-previous = Previous page
pages-next = Next page
pages-position = Page { $page } of { $pages }
community-members-pages = Pages of the member list
community-members-newest = newest first
home-all-communities = All communities
error-page = This page number is not valid.
error-search-too-long = Search with at most 8 words and 200 characters.
error-site-title = Enter a title of at most 150 characters.
error-site-link = Enter a web address (https://…), a path on this site (/…) or mailto: and an address.
error-site-position = Enter a whole number.
error-site-parent = Choose a body.
error-site-icon = Choose an icon from the list.
error-site-help-kind = Choose a kind from the list.
error-term-order = A term cannot end before it starts.
error-licence-name = Enter the name of the licence.
error-image-empty = Choose a file.
error-image-too-large = The file is larger than 512 KB.
error-image-type = The file is not a PNG, JPEG, WebP or SVG image.
error-image-mismatch = The file's name does not match what it holds.
error-image-dimensions = The image must state its size, between 1 and 4096 pixels each way.
error-image-svg = This SVG holds a script, an event handler, an external reference or other content that is not allowed.

## Member's home, newsletter and security reports
nav-member-home = My home
nav-newsletter-admin = Newsletter
nav-security-inbox = Security inbox
footer-newsletter = Newsletter
footer-security = Report a security issue
member-home-title = My home
member-home-welcome = Welcome back, { $name }.
member-home-waiting = Waiting for you
member-home-review = { $name }: requests waiting for review: { $count }
member-home-bureau = Bureau: applications waiting for a decision: { $count }
member-home-security = Security inbox: new reports: { $count }
member-home-communities = My communities
member-home-no-community = You belong to no community yet.
member-home-community = Community
member-home-roles = My roles
member-home-engagement = My engagement
member-home-suspended = Access suspended: { $reason }
member-home-requests = My requests
member-home-no-request = You have no request waiting.
member-home-submitted = Sent on
member-home-state = Where it stands
member-home-request-awaiting-review = Waiting for the reviewers
member-home-request-vouches = Vouches so far: { $have } of { $need }
member-home-request-awaiting-interview = Waiting for an interview
member-home-request-interviewed = Interview held; waiting for the decision
member-home-request-accepted = Accepted
member-home-request-refused = Refused: { $reason }
member-home-application = Your application ({ $plan }) sent on { $date } is waiting for the bureau's decision.
member-home-owed = Left to pay: { $amount }.
member-home-notifications = Latest notifications
member-home-all-notifications = All my notifications
member-home-profile = My profile and preferences
member-home-language = Language
member-home-email-on = by email too
member-home-email-off = in the app only
newsletter-list-general = General newsletter
newsletter-title = Newsletter
newsletter-intro = Receive the association's news by email. No account is needed, and every email has a link to unsubscribe in one click.
newsletter-lists = Lists
newsletter-language = Language
newsletter-submit = Subscribe
newsletter-privacy = Your address serves these emails only; it is shown to nobody but the association's administrators.
newsletter-sent = Check your inbox: unless this address already receives these lists, an email holds a link to confirm the subscription. Nothing is sent before you confirm.
newsletter-confirm-title = Confirm your subscription
newsletter-confirm-intro = Confirm that this address wants to receive the lists it asked for.
newsletter-confirm-submit = Confirm my subscription
newsletter-confirmed = You are subscribed to: { $lists }.
newsletter-unsubscribe-title = Unsubscribe
newsletter-unsubscribe-intro = Stop receiving { $list }?
newsletter-unsubscribe-submit = Unsubscribe
newsletter-unsubscribed = You will no longer receive { $list }.
newsletter-subscribe-again = Subscribe again
newsletter-admin-title = Newsletter
newsletter-issue-form = Write an issue
newsletter-issue-list = List
newsletter-issue-subject = Subject
newsletter-issue-body = Text
newsletter-issue-body-hint = plain text; each subscriber's email ends with its unsubscribe link
newsletter-issue-submit = Send to the confirmed subscribers
newsletter-issue-sent = The issue is on its way to { $count } subscribers.
newsletter-confirmed-count = Confirmed subscribers: { $count }
newsletter-no-subscriber = Nobody has subscribed yet.
newsletter-state = State
newsletter-state-pending = waiting for confirmation
newsletter-state-confirmed = confirmed
newsletter-state-unsubscribed = unsubscribed
newsletter-since = Since
newsletter-list-form = Add a list
newsletter-list-slug = Short name
newsletter-list-slug-hint = lower-case letters, digits and dashes, such as developers
newsletter-list-name = Name
newsletter-list-description = Description
newsletter-list-submit = Add the list
newsletter-issues = Issues sent
newsletter-no-issue = No issue has been sent yet.
newsletter-sent-at = Sent on
newsletter-sent-by = By
newsletter-recipients = Recipients
error-newsletter-lists = Tick at least one list.
error-newsletter-list = Choose a list.
error-list-name = Enter a name of 1 to 80 characters.
error-list-description = Enter a description of at most 300 characters, on one line.
error-list-taken = A list already has this short name.
error-issue-subject = Enter a subject of 1 to 150 characters.
error-issue-body = Write the text of the issue, at most 50,000 characters.
email-newsletter-confirm-subject = Confirm your subscription to { $association }'s newsletter
email-newsletter-confirm-body =
    Hello,

    Someone, probably you, asked to receive { $lists } from { $association } at this address.
    To confirm, open this link within 48 hours and press the button:

    { $link }

    If it was not you, ignore this message: nothing will be sent.
email-newsletter-already-subject = You already receive { $association }'s newsletter
email-newsletter-already-body =
    Hello,

    Someone asked again to receive { $lists } from { $association } at this address, which already receives them. Nothing has changed.

    Every newsletter email has a link to unsubscribe in one click.
email-newsletter-issue-subject = { $subject }
email-newsletter-issue-body =
    { $body }

    —
    You receive this email as a subscriber to { $list } of { $association }.
    To unsubscribe in one click: { $link }
security-title = Report a security issue
security-intro = Found a vulnerability? Tell us here rather than in a public bug report. Your report reaches the association's security contacts only and is never published.
security-name = Your name
security-optional = optional
security-email-hint = the security contacts answer you there
security-version = Affected version
security-description = Description
security-description-hint = what is affected, how to reproduce it, what it allows
security-submit = Send the report privately
security-sent = Thank you: your report reached the security contacts. An acknowledgement is on its way to your inbox.
security-inbox-title = Security inbox
security-inbox-intro = The reports sent through the security form. They are private: only the security contacts and the administrators see this page.
security-inbox-empty = No report has arrived.
security-report-number = Report
security-received = Received on
security-state = State
security-reporter = Reporter
security-report-title = Security report
security-updated = Last changed on { $date } by { $name }.
security-state-new = New
security-state-acknowledged = Acknowledged
security-state-fixed = Fixed
security-state-not-a-vulnerability = Not a vulnerability
security-state-submit = Change the state
error-report-name = Enter a name of at most 100 characters, or none.
error-report-description = Describe the issue in 10 to 20,000 characters.
error-report-version = Enter a version of at most 100 characters, or none.
error-report-state = Choose a state from the list.
email-security-report-subject = A security report has arrived for { $association }
email-security-report-body =
    Hello,

    A private security report has arrived for { $association }. As a security contact, you can read it in the security inbox:

    { $link }

    Its content is not repeated in this email.
email-security-acknowledgement-subject = Your security report to { $association } has arrived
email-security-acknowledgement-body =
    Hello,

    Your security report has reached the security contacts of { $association }. It stays private: they will answer you at this address.

    Thank you for telling us privately.

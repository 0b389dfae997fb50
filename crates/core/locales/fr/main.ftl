# Erreurs de saisie
error-email = Saisissez une adresse e-mail comme nom@exemple.org.
error-password-length = Le mot de passe doit compter entre 10 et 128 caractères.
error-display-name = Saisissez un nom de 1 à 100 caractères.
error-association-name = Saisissez un nom de 1 à 120 caractères.
error-language = Choisissez le français ou l'anglais.
error-theme-colour = Saisissez une couleur écrite #rrvvbb, par exemple #009e89.
error-token-scope = Choisissez lecture ou lecture-écriture.
error-token-name = Saisissez un nom de 1 à 60 caractères.
error-password-mismatch = Les deux mots de passe diffèrent.
error-current-password = Le mot de passe actuel n'est pas le bon.
error-login = Adresse e-mail ou mot de passe incorrect.
error-login-unconfirmed = Confirmez d'abord votre adresse e-mail : nous vous avons envoyé un nouveau lien.
error-link-invalid = Ce lien est invalide, déjà utilisé ou expiré.
error-already-set-up = Cette instance est déjà configurée.
error-not-found = Cette page n'existe pas, ou vous ne pouvez pas la voir.
error-sign-in-required = Connectez-vous pour continuer.
error-forbidden = Vous ne pouvez pas faire cela.
error-rate-limited = Trop de tentatives. Réessayez dans un moment.
error-bad-request = La requête n'a pas pu être lue : { $detail }
error-payload-too-large = La requête est trop volumineuse.
error-cross-site = Ce formulaire a été envoyé depuis un autre site et a été refusé.
error-internal = Une erreur est survenue de notre côté. Elle a été consignée ; réessayez plus tard.
error-confirm-delete = Saisissez votre adresse e-mail pour confirmer.
error-unsupported-media-type = Envoyez cette requête en JSON, avec le Content-Type application/json.
error-method-not-allowed = Cette adresse n'accepte pas cette méthode.

# E-mails
email-confirm-subject = Confirmez votre adresse pour { $association }
email-confirm-body =
    Bonjour,

    Quelqu'un, sans doute vous, a créé un compte avec cette adresse sur { $association }.
    Pour la confirmer, ouvrez ce lien dans les 48 heures :

    { $link }

    Si ce n'est pas vous, ignorez ce message : le compte ne sera pas activé.
email-already-registered-subject = Tentative d'inscription sur { $association }
email-already-registered-body =
    Bonjour,

    Quelqu'un a tenté de créer un compte avec cette adresse sur { $association }, mais vous en avez déjà un.
    Pour vous connecter : { $login }
    Si vous avez oublié votre mot de passe : { $reset }

    Si ce n'est pas vous, vous pouvez ignorer ce message.
email-reset-subject = Réinitialisez votre mot de passe sur { $association }
email-reset-body =
    Bonjour,

    Pour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure :

    { $link }

    Si vous ne l'avez pas demandé, ignorez ce message : votre mot de passe reste inchangé.
email-password-changed-subject = Votre mot de passe sur { $association } a été modifié
email-password-changed-body =
    Bonjour,

    Le mot de passe de votre compte sur { $association } vient d'être modifié, et vos autres sessions ont été fermées.
    Si ce n'est pas vous, réinitialisez-le maintenant : { $reset }

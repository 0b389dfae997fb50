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
error-invalid-token = Ce jeton d'API est invalide, révoqué ou mal formé.
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

# Mise en page
nav-skip = Aller au contenu
nav-label = Menu principal
nav-home = Accueil
nav-account = Mon compte
nav-audit = Journal d'audit
nav-login = Se connecter
nav-logout = Se déconnecter
nav-signup = Créer un compte
nav-language = Langue
footer-powered = Propulsé par Cercle, logiciel libre sous licence AGPL.
error-title = Un problème est survenu
error-back-home = Retour à l'accueil

# Accueil
home-title = Accueil
home-intro = Bienvenue ! Créez un compte pour rejoindre les communautés de l'association et y participer.
home-welcome-back = Bon retour parmi nous, { $name }.

# Installation
setup-title = Configurer votre instance
setup-intro = Nommez votre association et créez son premier administrateur. Vous pourrez tout modifier ensuite.
setup-association = L'association
setup-name = Nom de l'association
setup-language = Langue par défaut
setup-colour = Couleur du thème
setup-admin = Le premier administrateur
setup-submit = Créer l'instance

# Formulaires
field-display-name = Votre nom
field-email = Adresse e-mail
field-password = Mot de passe
field-password-hint = (10 à 128 caractères)
field-new-password = Nouveau mot de passe
field-password-again = Nouveau mot de passe, à nouveau
field-current-password = Mot de passe actuel

# Inscription, connexion, mots de passe
signup-title = Créer un compte
signup-submit = Créer mon compte
signup-have-account = Vous avez déjà un compte ?
signup-done-title = Consultez votre boîte de réception
signup-done = Si cette adresse peut être utilisée, un message est en route vers elle. Ouvrez le lien qu'il contient pour confirmer votre adresse, puis connectez-vous.
confirm-title = Adresse confirmée
confirm-done = Votre adresse e-mail est confirmée. Vous pouvez maintenant vous connecter.
login-title = Se connecter
login-submit = Se connecter
login-forgot = Mot de passe oublié ?
forgot-title = Mot de passe oublié
forgot-intro = Saisissez votre adresse e-mail : si elle a un compte, nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot-submit = M'envoyer un lien
forgot-done = Si cette adresse a un compte, un lien pour choisir un nouveau mot de passe est en route. Il est valable une heure.
reset-title = Choisir un nouveau mot de passe
reset-submit = Enregistrer le nouveau mot de passe
reset-done = Votre mot de passe a été modifié et vos sessions fermées. Connectez-vous avec le nouveau.

# Compte
account-title = Mon compte
account-profile = Profil
account-member-since = Compte créé le
account-password = Changer mon mot de passe
account-password-submit = Changer le mot de passe
account-password-changed = Votre mot de passe a été modifié. Vos autres sessions sont fermées.
account-delete = Supprimer mon compte
account-delete-intro = Cela supprime définitivement votre compte, vos sessions et vos jetons d'API.
account-delete-confirm = Saisissez votre adresse e-mail pour confirmer
account-delete-submit = Supprimer mon compte
tokens-title = Jetons d'API
tokens-intro = Un jeton permet à un programme d'utiliser l'API en votre nom. Les jetons en lecture seule ne peuvent rien modifier.
tokens-none = Vous n'avez aucun jeton.
tokens-name = Nom du jeton
tokens-scope = Accès
tokens-scope-read = Lecture seule
tokens-scope-read-write = Lecture et écriture
tokens-created-at = Créé le
tokens-last-used = Dernière utilisation
tokens-never-used = jamais
tokens-actions = Actions
tokens-revoke = Révoquer
tokens-create = Créer un jeton
tokens-created = Voici votre nouveau jeton. Copiez-le maintenant : il ne sera plus affiché.

# Administration
audit-title = Journal d'audit
audit-empty = Rien n'a encore été consigné.
audit-when = Quand
audit-who = Qui
audit-what = Quoi
audit-subject = Objet

# Dates, montants et situation
error-date = Saisissez une date comme 2026-03-01 ou 01/03/2026.
error-amount = Saisissez un montant comme 30 ou 30,50.
error-currency = Saisissez un code de devise de trois lettres comme EUR.
standing-good = Les cotisations de { $holder } sont à jour jusqu'au { $date }.
standing-unpaid = Les cotisations { $year } de { $holder } sont impayées depuis le { $date }.
standing-ended = L'adhésion de { $holder } a pris fin le { $date }.
standing-not-started = L'adhésion de { $holder } n'a pas encore commencé.
standing-applicant = La candidature de { $holder } attend la décision du bureau.
standing-lapsed = L'adhésion de { $holder } est échue.
standing-resigned = { $holder } a démissionné.
standing-excluded = { $holder } a été exclu·e.
standing-none = { $holder } n'a pas d'adhésion et n'est rattaché·e à aucune organisation adhérente.

# Registre et cotisations : erreurs
error-role = Choisissez des rôles dans la liste.
error-last-administrator = Vous ne pouvez pas retirer votre propre rôle d'administrateur.
error-organisation-choice = Choisissez une organisation dans la liste.
error-organisation-taken = Une organisation porte déjà ce nom.
error-organisation-name = Saisissez un nom de 1 à 150 caractères.
error-no-such-person = Aucun compte n'a cette adresse e-mail.
error-plan-taken = Une formule porte déjà ce nom.
error-plan-choice = Choisissez une formule dans la liste.
error-plan-holder = Cette formule s'adresse à un autre type d'adhérent.
error-policy-forbids = La politique d'adhésion de l'association n'autorise pas ce type d'adhérent.
error-holder = Choisissez le titulaire de l'adhésion.
error-period-choice = Choisissez l'une des périodes de cette adhésion.
error-category = Choisissez une catégorie dans la liste.
error-scale = Ces tailles ne vont pas ensemble : voir `cercle admin generate --help`.
error-web-address = Saisissez une adresse commençant par https:// ou http://.
error-size = Saisissez un nombre entier de personnes.
error-text-too-long = Ce texte est trop long.
error-tags = Saisissez au plus 20 éléments séparés par des virgules, de 40 caractères au plus.
error-membership-policy = Choisissez l'une des politiques.
error-billing-period = Choisissez annuelle ou mensuelle.
error-holder-kind = Choisissez personne ou organisation.
error-plan-name = Saisissez un nom de 1 à 80 caractères.
error-services = Saisissez au plus 30 services, un par ligne.
error-prices = Saisissez un montant, ou des tranches de taille comme 0:500; 50:1200 commençant à 0.
error-prices-person = Une formule pour les personnes a un prix unique.
error-membership-status = Choisissez un statut dans la liste.
error-payment-method = Choisissez un moyen de paiement dans la liste.
category-company = Entreprise
category-public-body = Organisme public
category-research-unit = Unité de recherche
category-association = Association
category-international-organisation = Organisation internationale
category-other = Autre

# Registre et cotisations : pages
yes = oui
no = non
nav-plans = Adhésion
nav-organisations = Organisations
nav-memberships = Adhésions
nav-people = Personnes
nav-settings = Réglages
account-membership = Mon adhésion
profile-title = Mon profil
profile-job-title = Fonction
profile-employer = Employeur
profile-employer-organisation = Employeur (organisation adhérente)
profile-employer-none = Aucun, ou absent de la liste
profile-employer-other = Employeur (s'il n'est pas dans la liste)
profile-bio = À propos de moi
profile-expertise = Domaines d'expertise
profile-languages = Langues parlées
profile-comma-separated = (séparées par des virgules)
profile-public = Montrer mon profil aux autres membres
profile-save = Enregistrer mon profil
profile-review-reminder = Votre fonction et votre employeur sont-ils toujours exacts ? Les communautés en ont besoin pour savoir à qui elles parlent.
profile-still-current = Oui, toujours exacts
profile-update = Mettre à jour mon profil
profile-edit-link = Modifier mon profil
profile-view-link = Voir mon profil comme les autres le voient
people-title = Personnes
people-roles = Rôles
people-public = Profil public
people-search = Nom ou adresse e-mail
people-search-submit = Chercher
people-found = { $count } personne(s)
people-pages = Pages du registre
person-title = Profil
person-about = À propos
person-adherence = Adhésion :
person-private = Ce profil n'est visible que par son titulaire et par le bureau.
person-roles-legend = Rôles dans l'association
person-roles-save = Enregistrer les rôles
role-administrator = Administrateur
role-bureau-member = Membre du bureau
role-treasurer = Trésorier
role-moderator = Modérateur
role-security-contact = Contact sécurité
settings-title = Réglages
settings-policy = Qui peut adhérer
settings-save = Enregistrer les réglages
policy-individuals-only = Des individus seulement, pas des organisations
policy-organisations-only = Des organisations seulement ; leurs membres y sont rattachés
policy-both = Des individus et des organisations
organisations-title = Organisations adhérentes
organisations-none = Aucune organisation pour l'instant.
organisations-search = Partie du nom
organisations-found = { $count } organisation(s)
organisations-pages = Pages des organisations
organisations-new = Ajouter une organisation
organisations-create = Ajouter l'organisation
organisation-title = Organisation
organisation-name = Nom
organisation-category = Catégorie
organisation-website = Site web
organisation-logo = Adresse du logo
organisation-size = Nombre de personnes
organisation-description = Texte court
organisation-people = Personnes rattachées
organisation-representative = Représentant·e
organisation-unaffiliate = Retirer
organisation-affiliate = Rattacher une personne
organisation-affiliate-submit = Rattacher
organisation-edit = Modifier l'organisation
organisation-save = Enregistrer l'organisation
plans-title = Formules d'adhésion
plans-none = Aucune formule pour l'instant.
plans-new = Ajouter une formule
plans-create = Ajouter la formule
plans-name = Nom
plans-holder = Pour
plans-holder-person = Les personnes
plans-holder-organisation = Les organisations
plans-period = Période
plans-period-yearly = Annuelle
plans-period-monthly = Mensuelle
plans-prices = Prix
plans-prices-hint = (un montant, ou des tranches de taille comme 0:500; 50:1200)
plans-currency = Devise
plans-services = Services compris
plans-services-hint = (un par ligne)
plans-non-voting = Ses titulaires ne votent pas en assemblée générale (membres d'honneur, bienfaiteurs…)
plans-from-size = À partir de { $size } personnes
memberships-title = Adhésions
memberships-none = Aucune adhésion pour l'instant.
memberships-count = { $count } adhésion(s)
memberships-pages = Pages des adhésions
memberships-find-holder = Chercher le titulaire
memberships-find-holder-hint = Une partie du nom d'une personne, de son adresse e-mail ou du nom d'une organisation : la liste ci-dessous montre les premières qui correspondent.
memberships-new = Ouvrir une adhésion
memberships-create = Ouvrir l'adhésion
memberships-holder = Titulaire
memberships-plan = Formule
memberships-status = Statut
memberships-standing = Situation
memberships-starts-on = Début
membership-title = Adhésion
membership-summary = Résumé
membership-periods = Périodes
membership-period = Période
membership-due = Dû
membership-paid = Payé
membership-renew = Ajouter la période suivante
membership-payments = Paiements
membership-no-payment = Aucun paiement enregistré.
membership-paid-on = Payé le
membership-amount = Montant
membership-method = Moyen
membership-reference = Référence
membership-record-payment = Enregistrer un paiement
membership-record = Enregistrer le paiement
membership-change-status = Changer le statut
membership-change-status-submit = Changer le statut
status-applicant = Candidat
status-active = Active
status-lapsed = Échue
status-resigned = Démission
status-excluded = Exclusion
method-transfer = Virement
method-card = Carte
method-cheque = Chèque
method-cash = Espèces
method-direct-debit = Prélèvement
method-other = Autre

# Admission
error-application-pending = Vous avez déjà une candidature en attente de la décision du bureau.
error-application-decided = Cette candidature a déjà fait l'objet d'une décision.
error-decision-needs-session = Cette candidature n'est à l'ordre du jour d'aucune séance : tenez d'abord une séance du bureau.
error-refusal-reason = Dites pourquoi la candidature est refusée : le candidat le lira.
error-verdict = Choisissez d'accepter ou de refuser.
error-motivation = Dites au bureau pourquoi vous candidatez, en 4 000 caractères au plus.
error-session-title = Saisissez un titre de 1 à 120 caractères.
error-attendees = Choisissez les présents dans la liste.
error-contribution-kind = Choisissez un type de contribution dans la liste.
error-inactivity-days = Saisissez un nombre de jours entre 1 et 3650, ou laissez vide.
email-application-accepted-subject = Bienvenue à { $association }
email-application-accepted-body =
    Bonjour,

    Le bureau de { $association } a accepté votre candidature.
    { $reason }

    Votre adhésion et vos cotisations sont sur la page de votre compte : { $account }
email-application-refused-subject = Votre candidature à { $association }
email-application-refused-body =
    Bonjour,

    Le bureau de { $association } a examiné votre candidature et n'a pas pu l'accepter, pour la raison suivante :

    { $reason }
nav-apply = Adhérer
nav-bureau = Bureau
apply-title = Demander à adhérer
apply-intro = Votre candidature est soumise au bureau, qui l'examine en séance régulière et statue. Vous serez prévenu·e par e-mail.
apply-mine = Mes candidatures
apply-withdraw = Retirer cette candidature
apply-form = Une nouvelle candidature
apply-organisation = Au nom de
apply-myself = Moi-même
apply-motivation = Pourquoi souhaitez-vous adhérer ?
apply-submit = Envoyer ma candidature
application-status-pending = En attente du bureau
application-status-accepted = Acceptée
application-status-refused = Refusée
application-status-withdrawn = Retirée
application-decided-by = Décision de { $name }
bureau-title = Le bureau
bureau-sessions = Séances
bureau-no-session = Aucune séance pour l'instant.
bureau-held-on = Date
bureau-session-title = Titre
bureau-agenda = Ordre du jour
bureau-unscheduled = Candidatures en attente d'une séance
bureau-none-waiting = Aucune candidature n'attend de séance.
bureau-new-session = Tenir une séance
bureau-new-session-hint = Toutes les candidatures en attente d'une séance sont inscrites à son ordre du jour.
bureau-attendees = Présents
bureau-hold = Ouvrir la séance
bureau-default-title = Séance du bureau
bureau-empty-agenda = Rien à l'ordre du jour.
bureau-notes = Compte rendu
bureau-save-notes = Enregistrer le compte rendu
session-title = Séance du bureau
decision-legend = Décision
decision-accept = Accepter
decision-refuse = Refuser
decision-reason = Motif (communiqué au candidat)
decision-submit = Enregistrer la décision
settings-admission = Admission
settings-outside-sessions = Les administrateurs peuvent statuer sur les candidatures hors des séances du bureau
settings-inactivity = L'adhésion échoit après ce nombre de jours sans contribution
settings-inactivity-hint = (laissez vide si l'adhésion ne dépend pas des contributions)
contributions-title = Contributions
contributions-none = Aucune contribution enregistrée.
contributions-on = Date
contributions-kind = Type
contributions-note = Note
contributions-record = Enregistrer la contribution
contribution-moderation = Modération
contribution-administration = Administration
contribution-development = Développement
contribution-communication = Communication
contribution-donation = Don
contribution-content = Contenu
contribution-events = Événements

# Renouvellement et contribution active
email-renewal-subject = L'adhésion de { $holder } à { $association } prend fin le { $date }
email-renewal-body =
    Bonjour,

    L'adhésion de { $holder } à { $association } prend fin le { $date }.
    Pour la conserver, renouvelez-la et réglez la cotisation suivante d'ici là ; jusque-là, rien ne change.

    { $link }
email-ended-subject = L'adhésion de { $holder } à { $association } a pris fin
email-ended-body =
    Bonjour,

    L'adhésion de { $holder } à { $association } a pris fin le { $date } et n'a pas été renouvelée.
    Depuis ce jour, elle ne compte plus pour les communautés qui l'exigent. Un renouvellement la rétablit aussitôt.

    { $link }
email-inactive-subject = Votre adhésion à { $association } dépend de vos contributions
email-inactive-body =
    Bonjour,

    À { $association }, on reste membre tant que sa contribution est active. Votre dernière contribution enregistrée date du { $last }.
    Sans nouvelle contribution, votre adhésion échoira le { $lapse }. Dites au bureau ce que vous faites : modération, administration, développement, communication, dons, contenus, événements, tout compte.
email-inactive-lapsed-subject = Votre adhésion à { $association } est échue
email-inactive-lapsed-body =
    Bonjour,

    Votre dernière contribution enregistrée à { $association } date du { $last } : votre adhésion est donc échue, comme le prévoient les règles de l'association.
    Vous restez le ou la bienvenue : contribuez à nouveau et demandez au bureau de la rétablir.

# Communautés : erreurs et éligibilité
error-community-kind = Choisissez communauté, groupe de travail, équipe ou instance de gouvernance.
error-visibility = Choisissez publique, réservée aux membres ou secrète.
error-access-policy = Choisissez ouverte, sur demande, par cooptation, sur candidature ou sur invitation.
error-engagement = Choisissez suivre l'actualité, ponctuel ou régulier.
error-channels = Écrivez un canal par ligne sous la forme : type | nom | https://adresse (types : slack, matrix, irc, mailing_list, github, other).
error-request-status = Choisissez un statut dans la liste.
error-slug = Utilisez de 2 à 60 lettres minuscules, chiffres et tirets.
error-community-name = Saisissez un nom de 1 à 120 caractères.
error-card-scores = Écrivez les scores sous la forme Axe : 0 à 100, séparés par des virgules (12 au plus).
eligibility-not-adherent = Vous n'êtes pas adhérent·e de l'association : { $reason }
eligibility-organisation-dues = Votre organisation { $organisation } n'est pas à jour de sa cotisation.
eligibility-individuals-only = Cette communauté est réservée aux membres individuels : adhérez en votre nom propre.
eligibility-not-contributor = Cette communauté est réservée aux contributeurs actifs : aucune contribution de votre part n'est enregistrée ces { $days } derniers jours.
error-slug-taken = Une autre communauté utilise déjà cette adresse.
error-already-member = Vous êtes déjà membre de cette communauté.
error-request-pending = Vous avez déjà demandé à rejoindre cette communauté ; les relecteurs vous répondront.
error-request-decided = Cette demande a déjà reçu une réponse.
email-arrival-subject = { $name } rejoint { $community }
email-arrival-body =
    Bonjour,

    { $name } vient de rejoindre { $community }. Souhaitez-lui la bienvenue !

    { $link }
email-arrivals-subject = { $names } rejoignent { $community }
email-arrivals-body =
    Bonjour,

    { $names } viennent de rejoindre { $community }. Souhaitez-leur la bienvenue !

    { $link }
email-departure-subject = { $name } a quitté { $community }
email-departure-body =
    Bonjour,

    { $name } a quitté { $community }.
email-join-accepted-subject = Bienvenue dans { $community }
email-join-accepted-body =
    Bonjour,

    Votre demande pour rejoindre { $community } sur { $association } a été acceptée.
    { $message }

    { $link }
email-join-refused-subject = Votre demande pour rejoindre { $community }
email-join-refused-body =
    Bonjour,

    Votre demande pour rejoindre { $community } sur { $association } n'a pas pu être acceptée, pour la raison suivante :

    { $reason }
nav-communities = Communautés
communities-title = Communautés et groupes de travail
communities-search = Rechercher
communities-all-kinds = Tous les types
communities-filter = Filtrer
communities-none = Aucune communauté ne correspond.
communities-members = { $count } membres
communities-new = Créer une communauté
communities-create = Créer la communauté
community-title = Communauté
community-edit-title = Modifier la communauté
community-save = Enregistrer la communauté
community-name = Nom
community-slug = Adresse
community-slug-hint = (lettres minuscules, chiffres et tirets)
community-kind = Type
community-theme = Thématique
community-cadence = Rencontres
community-cadence-hint = (par exemple « chaque semaine »)
community-description = Description
community-objectives = Objectifs
community-channels = Canaux
community-channels-hint = (un par ligne : type | nom | https://adresse)
community-visibility = Visibilité
community-access = Adhésion à la communauté
community-eligibility = Qui peut la rejoindre
community-contributor-days = Contributeurs actifs seulement : une contribution dans ce nombre de jours (ou vide)
community-card = Carte d'identité
community-card-scores = Scores (Axe : 0-100, séparés par des virgules)
community-card-quotes = Citations (une par ligne)
community-contact = Où nous trouver
community-sponsors = Sponsor dans les instances de l’association
community-referents = Contacts référents
community-join-title = Rejoindre
community-you-are-member = Vous êtes membre de cette communauté.
community-leave = Quitter la communauté
community-request-pending = Votre demande attend les relecteurs.
community-withdraw = Retirer ma demande
community-engagement = Engagement
community-motivation = Un mot pour les relecteurs (facultatif)
community-join = Rejoindre
community-sign-in-to-join = Connectez-vous pour rejoindre
community-members = Membres
join-refused = Vous ne pouvez pas encore rejoindre cette communauté :
requests-title = Demandes d'accès
requests-none = Aucune demande en attente.
requests-message = Message au demandeur (obligatoire pour refuser)
kind-community = Communauté
kind-working-group = Groupe de travail
kind-team = Équipe
kind-governing-body = Instance de gouvernance
visibility-public = Publique
visibility-members-only = Réservée aux membres de l'association
visibility-secret = Secrète (ses seuls membres)
access-open = Ouverte : toute personne éligible la rejoint aussitôt
access-request = Sur demande, validée par le pilote, les animateurs ou le facilitateur
access-cooptation = Par cooptation : une demande est acceptée dès que suffisamment de membres s'en portent garants
access-application = Sur candidature : un formulaire avec les questions de la communauté, un entretien, puis une décision
access-invitation = Sur invitation uniquement
error-vouches-required = Indiquez un nombre de parrainages entre 1 et 20.
error-invitation-only = Cette communauté se rejoint uniquement sur invitation.
error-answer-missing = Répondez à chaque question de la candidature.
error-interview-first = Enregistrez l'entretien avec la personne avant d'accepter sa candidature.
error-exclusion-rule = Choisissez la règle de la charte qui n'a pas été respectée.
exclusion-rule-reason = Règle { $rule } de la charte. { $reason }
cooptation-message = Cooptation par { $names }.
error-not-cooptation = Cette communauté ne se rejoint pas par cooptation.
error-already-vouched = Vous vous êtes déjà porté·e garant·e de cette demande, ou elle a été tranchée.
error-not-application = Les entretiens concernent les communautés sur candidature.
error-interview-date = Indiquez la date de l'entretien (AAAA-MM-JJ).
error-interview-future = Un entretien s'enregistre une fois qu'il a eu lieu.
error-already-member-invited = Cette personne est déjà membre.
error-invitation-closed = Cette invitation ne peut plus être utilisée.
error-invitation-other = Cette invitation a été envoyée à une autre adresse : connectez-vous avec l'adresse invitée.
email-invitation-subject = Invitation à rejoindre { $community }
email-invitation-body =
    Bonjour,

    { $inviter } vous invite à rejoindre { $community } sur { $association }.
    Ouvrez ce lien pour accepter ; il fonctionne une fois, jusqu'au { $expires } :

    { $link }
community-vouches-required = ({ $count } parrainages nécessaires)
community-invitation-only = On rejoint cette communauté sur invitation : adressez-vous à un pilote ou à un animateur.
community-cooptation = Demandes en attente de cooptation
community-vouches-count = Parrainages : { $count }
community-vouch = Je me porte garant·e
community-invite = Inviter quelqu'un
community-invite-submit = Envoyer l'invitation
community-invitations-open = Invitations pas encore utilisées
community-invitation-revoke = Révoquer
community-exclude-rule = Règle de la charte non respectée
community-excluded-rule = Règle { $rule }
community-lapsed = Votre accès à cette communauté est suspendu tant que vous ne remplissez plus ses règles :
community-vouches-field = Parrainages nécessaires (cooptation)
community-questions = Questions de la candidature
requests-application-steps = Candidatures : enregistrez l'entretien, puis acceptez ou refusez.
interview-recorded = Entretien tenu le
interview-legend = Entretien
interview-date = Date de l'entretien
interview-notes = Notes
interview-submit = Enregistrer l'entretien
requests-lapsed = Membres dont l'adhésion est échue
membership-lapsed-label = adhésion échue
invitation-title = Invitation
invitation-heading = Invitation à rejoindre { $community }
invitation-from = Envoyée par { $name }.
invitation-accept-title = Accepter l'invitation
invitation-for = Pour { $email }.
invitation-expires = Valable jusqu'au { $date }.
invitation-sign-in = Se connecter pour accepter
invitation-sign-up = Créer un compte avec cette adresse
invitation-other-person = Vous êtes connecté·e avec une autre adresse que { $email } : connectez-vous avec l'adresse invitée pour accepter.
invitation-accept-submit = Rejoindre
invitation-state-used = Cette invitation a déjà été utilisée.
invitation-state-revoked = Cette invitation a été révoquée.
invitation-state-expired = Cette invitation a expiré : demandez-en une nouvelle.
engagement-news = Suivre l'actualité
engagement-occasional = Contribution ponctuelle
engagement-regular = Contribution régulière
channel-slack = Slack
channel-matrix = Matrix
channel-irc = IRC
channel-mailing-list = Liste de diffusion
channel-github = GitHub
channel-other = Lien
rule-adherents-only = Réservée aux adhérents de l'association
rule-organisation-dues = La société adhérente doit être à jour de sa cotisation
rule-individuals-only = Réservée aux membres individuels
rule-active-contributor = Réservée aux contributeurs actifs (une contribution ces { $days } derniers jours)
community-role-pilot = Pilote
community-role-sponsor = Sponsor
community-role-animator = Animateur·rice
community-role-member = Membre
community-role-facilitator = Facilitateur·rice
community-appoint = Nommer à un rôle
community-role = Rôle
community-appoint-submit = Nommer
error-excluded = Vous avez été exclu·e de cette communauté ; seuls ses modérateurs peuvent vous réintégrer.
error-exclusion-reason = Dites quelle règle a été enfreinte : la personne le lira.
error-not-a-member = Cette personne n'est pas membre de la communauté.
community-moderation = Modération
community-exclude = Exclure un membre
community-exclude-reason = Règle enfreinte, et pourquoi (communiqué à la personne)
community-exclude-submit = Exclure
community-excluded = Exclu·es
community-readmit = Réintégrer
email-excluded-subject = Vous avez été exclu·e de { $community }
email-excluded-body =
    Bonjour,

    Les modérateurs de { $community } sur { $association } vous ont exclu·e, pour la raison suivante :

    { $reason }

    Intégrer une communauté, c'est aussi accepter ses règles de vie. Vous ne pouvez plus y participer.
error-charter = Lisez et acceptez la charte de la communauté, dans la version affichée.
error-charter-empty = Écrivez le texte de la charte.
community-charter = Charte
community-charter-version = Version { $version }
community-charter-accept = J'ai lu et j'accepte la charte
community-charter-changed = La charte a changé : lisez-la et acceptez la nouvelle version.
community-charter-accept-submit = Accepter cette version
community-charter-publish = Publier une nouvelle version
community-charter-publish-submit = Publier
community-engagement-save = Enregistrer mon engagement

## Notifications and webhooks
nav-notifications = Notifications
nav-notifications-unread = Notifications ({ $count })
notification-arrival = { $name } a rejoint { $community }
notification-arrivals = { $names } ont rejoint { $community }
newcomers-two = { $first } et { $second }
newcomers-three = { $first }, { $second } et { $third }
newcomers-more = { $names } et { $others } autres
notification-departure = { $name } a quitté { $community }
notification-accepted = Votre demande pour rejoindre { $community } a été acceptée.
notification-refused = Votre demande pour rejoindre { $community } a été refusée : { $reason }
notification-request-waiting = { $name } demande à rejoindre { $community }.
notification-excluded = Vous avez été exclu·e de { $community } : { $reason }
email-join-request-subject = { $name } demande à rejoindre { $community }
email-join-request-body =
    Bonjour,

    { $name } demande à rejoindre { $community }. Vous examinez les demandes de cette communauté : vous pouvez accepter ou refuser celle-ci.

    { $link }
notifications-title = Notifications
notifications-none = Vous n'avez encore aucune notification.
notifications-unread-count = { $count } non lue(s)
notifications-unread = Non lue
notifications-open = Ouvrir
notifications-mark-read = Marquer comme lue
notifications-mark-all-read = Tout marquer comme lu
notifications-preferences-link = Choisir les notifications reçues aussi par e-mail
notification-preferences-title = Préférences de notification
notification-preferences-intro = Toutes les notifications apparaissent sur votre page de notifications. Cochez celles que vous voulez aussi recevoir par e-mail.
notification-preferences-email = Aussi par e-mail
notification-preferences-language = Langue des notifications et des e-mails
notification-preferences-save = Enregistrer mes préférences
notification-preferences-saved = Vos préférences sont enregistrées.
notification-kind-community-arrival = Quelqu'un rejoint une communauté dont je fais partie
notification-kind-community-departure = Quelqu'un quitte une communauté que j'anime
notification-kind-join-request-decided = Ma demande pour rejoindre une communauté reçoit une réponse
notification-kind-join-request-waiting = Quelqu'un demande à rejoindre une communauté dont j'examine les demandes
notification-kind-excluded-from-community = Je suis exclu·e d'une communauté
error-notification-kind = Choisissez des types de notification dans la liste.
webhook-title = Webhook de messagerie
webhook-intro = Les arrivées dans la communauté sont publiées sur ce webhook entrant Slack, Mattermost ou Matrix (webhook générique hookshot).
webhook-link = Webhook de messagerie
webhook-current = Publication vers { $url } ({ $kind }).
webhook-none = Aucun webhook n'est défini.
webhook-kind = Service
webhook-kind-slack = Slack
webhook-kind-mattermost = Mattermost
webhook-kind-matrix = Matrix (hookshot)
webhook-url = Adresse du webhook
webhook-url-hint = commence par https://
webhook-save = Enregistrer le webhook
webhook-remove = Supprimer le webhook
error-webhook-kind = Choisissez Slack, Mattermost ou Matrix.
error-webhook-url = Saisissez l'adresse complète du webhook, comme https://hooks.slack.com/services/…
error-webhook-https = L'adresse du webhook doit commencer par https://.
error-webhook-private = Cette adresse mène à cette machine ou à un réseau privé : saisissez l'adresse publique du service de messagerie.
## Public site
nav-about = L'association
nav-how-we-work = Comment nous travaillons
nav-governance = Gouvernance
nav-who-uses-it = Qui l'utilise
nav-who-develops = Qui développe
nav-help = Obtenir de l'aide
nav-site = Site public
nav-adopters-review = Adoptants
home-get-involved = Commencer dès aujourd'hui
home-get-involved-intro = Il y a plusieurs façons de s'impliquer.
home-groups = Communautés et groupes de travail
home-highlights = À venir
home-governance-link = Conseil d'administration et gouvernance
site-learn-more = En savoir plus
site-logo-alt = Logo de { $name }
how-title = Comment nous travaillons
how-rules = Nos règles
how-affiliation-individuals-only = Seules des personnes peuvent devenir membres, pas des organisations.
how-affiliation-organisations-only = Les organisations deviennent membres, et leurs salariés leur sont affiliés.
how-affiliation-both = Les personnes comme les organisations peuvent devenir membres.
how-free = La participation est gratuite.
how-licence = Le contenu est mis à disposition sous la licence
how-conduct = Code de conduite
how-chatham = Règle de Chatham House
governance-title = Gouvernance
governance-none = Aucune instance n'est encore décrite.
governance-term = du { $start } au { $end }
governance-term-open = depuis le { $start }
governance-communities = Leurs pages
adopters-title = Qui l'utilise
adopters-none = Aucune organisation n'est encore présentée.
adopters-ask = Demander à figurer ici
adopters-ask-intro = Présentez votre organisation. Une personne de la modération examine chaque demande avant qu'elle n'apparaisse sur cette page.
adopters-yours = Votre organisation sur cette page
adopters-shown = { $name } figure sur cette page.
adopters-not-shown = { $name } ne figure pas sur cette page.
adopters-show = L'afficher
adopters-hide = La retirer
adopter-name = Nom de l'organisation
adopter-category = Catégorie
adopter-text = Ce que vous en faites
adopter-link = Site web
adopter-email = Votre adresse e-mail
adopter-email-hint = pour la modération seulement, jamais affichée
adopter-logo = Logo
adopter-logo-hint = facultatif : PNG, JPEG, WebP ou SVG, 512 Ko au plus
adopter-submit = Envoyer la demande
adopter-received-title = Demande reçue
adopter-received = Merci. Une personne de la modération examinera votre demande avant qu'elle n'apparaisse sur la page.
developers-title = Qui développe
developers-team = L'équipe
developers-recorded = Contributions récentes
developers-contributions = contributions : { $count }, la dernière le { $date }
developers-others = Autres contributeurs et contributrices : { $count }
developers-none = Personne n'est encore présenté.
help-title = Comment obtenir de l'aide
help-channels = Discussion et forums
help-lists = Listes de discussion
help-steering = Comité de pilotage
help-steering-contact = Pour contacter le comité de pilotage, écrivez à
help-none = Rien n'est encore indiqué.
help-kind-irc = IRC
help-kind-matrix = Matrix
help-kind-slack = Slack
help-kind-forum = Forum
help-kind-mailing-list = Liste de discussion
help-kind-other = Autre
site-edit-title = Site public
site-texts = Textes
site-text-fr = en français
site-text-en = en anglais
site-markdown-hint = Markdown : liens, emphase et listes. Écrivez dans une langue ou dans les deux ; chacun lit la sienne, sinon l'autre.
site-welcome = Accueil, sur la page d'accueil
site-rules = Règles, sur « Comment nous travaillons »
site-code-of-conduct = Code de conduite
site-chatham = Règle de Chatham House : où elle s'applique (pas de section si vide)
site-developers = Introduction de « Qui développe »
site-help = Introduction de « Comment obtenir de l'aide »
site-steering-note = Note sur le contact du comité de pilotage
site-free-participation = La participation est gratuite
site-licence-name = Licence du contenu
site-licence-url = Adresse de la licence
site-steering-email = Adresse du comité de pilotage
site-save = Enregistrer les textes
site-saved = Enregistré.
site-logo = Logo
site-logo-hint = PNG, JPEG, WebP ou SVG, 512 Ko au plus
site-logo-upload = Envoyer le logo
site-logo-none = Pas encore de logo.
site-sections = Listes
site-moderation-link = Adoptants en attente d'examen
site-section-cards = Façons de s'impliquer
site-section-highlights = Temps forts
site-section-bodies = Instances
site-section-members = Membres
site-section-contributors = Contributeurs et contributrices
site-section-help = Canaux d'aide et listes de discussion
site-entry-add = Ajouter
site-entry-save = Enregistrer
site-entry-delete = Supprimer
site-new-entry = Nouvelle ligne
site-new-member = Nouveau membre de { $body }
site-field-position = Position
site-field-position-hint = les plus petites d'abord
site-field-icon = Icône
site-field-kind = Type
site-field-title = Titre
site-field-name = Nom
site-field-label = Libellé
site-field-text = Texte
site-field-role = Rôle dans l'instance
site-field-link = Lien
site-field-link-hint = https://…, /chemin sur ce site, ou mailto: et une adresse
site-field-date = Date
site-field-term-start = Début du mandat
site-field-term-end = Fin du mandat
site-field-body = Instance
icon-hand = Main
icon-chat = Bulle
icon-key = Clé
icon-book = Livres
icon-people = Personnes
icon-calendar = Calendrier
icon-code = Ordinateur
icon-heart = Cœur
icon-star = Étoile
icon-mail = Enveloppe
moderation-title = Adoptants
moderation-pending = En attente d'examen
moderation-none = Aucune demande n'attend.
moderation-approved = Présentés
moderation-approve = Approuver
moderation-refuse = Refuser
moderation-remove = Retirer
moderation-contact = Contact
moderation-submitted = Envoyée le { $date }
moderation-organisations = Organisations membres
moderation-shown = Affichée
moderation-not-shown = Non affichée
communities-theme = Thème
communities-all-themes = Tous les thèmes
communities-open-to-me = Ouvertes pour moi
communities-found = { $count } communautés correspondent.
communities-pages = Pages de l'annuaire
pages-previous = Page précédente
pages-next = Page suivante
pages-position = Page { $page } sur { $pages }
community-members-pages = Pages de la liste des membres
community-members-newest = les plus récents d'abord
home-all-communities = Toutes les communautés
error-page = Ce numéro de page n'est pas valide.
error-search-too-long = Recherchez avec 8 mots et 200 caractères au plus.
error-site-title = Saisissez un titre de 150 caractères au plus.
error-site-link = Saisissez une adresse web (https://…), un chemin sur ce site (/…) ou mailto: suivi d'une adresse.
error-site-position = Saisissez un nombre entier.
error-site-parent = Choisissez une instance.
error-site-icon = Choisissez une icône dans la liste.
error-site-help-kind = Choisissez un type dans la liste.
error-term-order = Un mandat ne peut pas finir avant de commencer.
error-licence-name = Saisissez le nom de la licence.
error-image-empty = Choisissez un fichier.
error-image-too-large = Le fichier dépasse 512 Ko.
error-image-type = Le fichier n'est pas une image PNG, JPEG, WebP ou SVG.
error-image-mismatch = Le nom du fichier ne correspond pas à son contenu.
error-image-dimensions = L'image doit indiquer sa taille, entre 1 et 4096 pixels dans chaque sens.
error-image-svg = Ce SVG contient un script, un gestionnaire d'événement, une référence externe ou un autre contenu interdit.

## Member's home, newsletter and security reports
nav-member-home = Mon espace
nav-newsletter-admin = Lettre d'information
nav-security-inbox = Signalements de sécurité
footer-newsletter = Lettre d'information
footer-security = Signaler une faille de sécurité
member-home-title = Mon espace
member-home-welcome = Bon retour parmi nous, { $name }.
member-home-waiting = En attente de vous
member-home-review = { $name } : demandes à examiner : { $count }
member-home-bureau = Bureau : candidatures en attente de décision : { $count }
member-home-security = Signalements de sécurité : nouveaux : { $count }
member-home-communities = Mes communautés
member-home-no-community = Vous n'appartenez encore à aucune communauté.
member-home-community = Communauté
member-home-roles = Mes rôles
member-home-engagement = Mon engagement
member-home-suspended = Accès suspendu : { $reason }
member-home-requests = Mes demandes
member-home-no-request = Vous n'avez aucune demande en attente.
member-home-submitted = Envoyée le
member-home-state = Où elle en est
member-home-request-awaiting-review = En attente des personnes qui examinent les demandes
member-home-request-vouches = Parrainages reçus : { $have } sur { $need }
member-home-request-awaiting-interview = En attente d'un entretien
member-home-request-interviewed = Entretien passé ; en attente de la décision
member-home-request-accepted = Acceptée
member-home-request-refused = Refusée : { $reason }
member-home-application = Votre candidature ({ $plan }) envoyée le { $date } attend la décision du bureau.
member-home-owed = Reste à payer : { $amount }.
member-home-notifications = Dernières notifications
member-home-all-notifications = Toutes mes notifications
member-home-profile = Mon profil et mes préférences
member-home-language = Langue
member-home-email-on = aussi par e-mail
member-home-email-off = dans l'application seulement
newsletter-list-general = Lettre d'information générale
newsletter-title = Lettre d'information
newsletter-intro = Recevez les nouvelles de l'association par e-mail. Aucun compte n'est nécessaire, et chaque e-mail contient un lien pour vous désabonner en un clic.
newsletter-lists = Listes
newsletter-language = Langue
newsletter-submit = M'abonner
newsletter-privacy = Votre adresse ne sert qu'à ces e-mails ; seuls les administrateurs de l'association la voient.
newsletter-sent = Consultez votre boîte de réception : à moins que cette adresse ne reçoive déjà ces listes, un e-mail contient un lien pour confirmer l'abonnement. Rien n'est envoyé avant votre confirmation.
newsletter-confirm-title = Confirmez votre abonnement
newsletter-confirm-intro = Confirmez que cette adresse souhaite recevoir les listes demandées.
newsletter-confirm-submit = Confirmer mon abonnement
newsletter-confirmed = Vous êtes abonné·e à : { $lists }.
newsletter-unsubscribe-title = Se désabonner
newsletter-unsubscribe-intro = Ne plus recevoir { $list } ?
newsletter-unsubscribe-submit = Me désabonner
newsletter-unsubscribed = Vous ne recevrez plus { $list }.
newsletter-subscribe-again = Se réabonner
newsletter-admin-title = Lettre d'information
newsletter-issue-form = Rédiger un numéro
newsletter-issue-list = Liste
newsletter-issue-subject = Objet
newsletter-issue-body = Texte
newsletter-issue-body-hint = texte brut ; l'e-mail de chaque abonné·e se termine par son lien de désabonnement
newsletter-issue-submit = Envoyer aux abonné·es confirmé·es
newsletter-issue-sent = Le numéro part vers { $count } abonné·es.
newsletter-confirmed-count = Abonné·es confirmé·es : { $count }
newsletter-no-subscriber = Personne ne s'est encore abonné.
newsletter-state = État
newsletter-state-pending = en attente de confirmation
newsletter-state-confirmed = confirmé
newsletter-state-unsubscribed = désabonné
newsletter-since = Depuis le
newsletter-list-form = Ajouter une liste
newsletter-list-slug = Nom court
newsletter-list-slug-hint = lettres minuscules, chiffres et tirets, comme developpeurs
newsletter-list-name = Nom
newsletter-list-description = Description
newsletter-list-submit = Ajouter la liste
newsletter-issues = Numéros envoyés
newsletter-no-issue = Aucun numéro n'a encore été envoyé.
newsletter-sent-at = Envoyé le
newsletter-sent-by = Par
newsletter-recipients = Destinataires
error-newsletter-lists = Cochez au moins une liste.
error-newsletter-list = Choisissez une liste.
error-list-name = Saisissez un nom de 1 à 80 caractères.
error-list-description = Saisissez une description d'au plus 300 caractères, sur une ligne.
error-list-taken = Une liste porte déjà ce nom court.
error-issue-subject = Saisissez un objet de 1 à 150 caractères.
error-issue-body = Rédigez le texte du numéro, en 50 000 caractères au plus.
email-newsletter-confirm-subject = Confirmez votre abonnement à la lettre de { $association }
email-newsletter-confirm-body =
    Bonjour,

    Quelqu'un, sans doute vous, a demandé à recevoir { $lists } de { $association } à cette adresse.
    Pour confirmer, ouvrez ce lien dans les 48 heures et appuyez sur le bouton :

    { $link }

    Si ce n'est pas vous, ignorez ce message : rien ne sera envoyé.
email-newsletter-already-subject = Vous recevez déjà la lettre de { $association }
email-newsletter-already-body =
    Bonjour,

    Quelqu'un a de nouveau demandé à recevoir { $lists } de { $association } à cette adresse, qui les reçoit déjà. Rien n'a changé.

    Chaque e-mail de la lettre contient un lien pour vous désabonner en un clic.
email-newsletter-issue-subject = { $subject }
email-newsletter-issue-body =
    { $body }

    —
    Vous recevez cet e-mail en tant qu'abonné·e à { $list } de { $association }.
    Pour vous désabonner en un clic : { $link }
security-title = Signaler une faille de sécurité
security-intro = Vous avez trouvé une vulnérabilité ? Signalez-la ici plutôt que dans un rapport de bug public. Votre signalement ne parvient qu'aux contacts sécurité de l'association et n'est jamais publié.
security-name = Votre nom
security-optional = facultatif
security-email-hint = les contacts sécurité vous répondront à cette adresse
security-version = Version concernée
security-description = Description
security-description-hint = ce qui est touché, comment le reproduire, ce que cela permet
security-submit = Envoyer le signalement en privé
security-sent = Merci : votre signalement est parvenu aux contacts sécurité. Un accusé de réception arrive dans votre boîte.
security-inbox-title = Signalements de sécurité
security-inbox-intro = Les signalements envoyés par le formulaire de sécurité. Ils sont privés : seuls les contacts sécurité et les administrateurs voient cette page.
security-inbox-empty = Aucun signalement n'est arrivé.
security-report-number = Signalement
security-received = Reçu le
security-state = État
security-reporter = Auteur
security-report-title = Signalement de sécurité
security-updated = Modifié le { $date } par { $name }.
security-state-new = Nouveau
security-state-acknowledged = Pris en compte
security-state-fixed = Corrigé
security-state-not-a-vulnerability = Pas une vulnérabilité
security-state-submit = Changer l'état
error-report-name = Saisissez un nom d'au plus 100 caractères, ou aucun.
error-report-description = Décrivez le problème en 10 à 20 000 caractères.
error-report-version = Saisissez une version d'au plus 100 caractères, ou aucune.
error-report-state = Choisissez un état dans la liste.
email-security-report-subject = Un signalement de sécurité est arrivé pour { $association }
email-security-report-body =
    Bonjour,

    Un signalement de sécurité privé est arrivé pour { $association }. En tant que contact sécurité, vous pouvez le lire dans les signalements de sécurité :

    { $link }

    Son contenu n'est pas repris dans cet e-mail.
email-security-acknowledgement-subject = Votre signalement de sécurité à { $association } est bien arrivé
email-security-acknowledgement-body =
    Bonjour,

    Votre signalement de sécurité est parvenu aux contacts sécurité de { $association }. Il reste privé : ils vous répondront à cette adresse.

    Merci de nous avoir prévenus en privé.

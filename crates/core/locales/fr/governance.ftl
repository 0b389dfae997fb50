# Gouvernance : instances et mandats, assemblées générales, procurations,
# scrutins et procès-verbaux. Les phrases du cœur : libellés, erreurs,
# convocation, premier jet du procès-verbal.

body-kind-bureau = Bureau
body-kind-board = Conseil d'administration
body-kind-steering-committee = Comité de pilotage
body-kind-other = Autre instance
seat-president = Président·e
seat-vice-president = Vice-président·e
seat-secretary = Secrétaire
seat-treasurer = Trésorier·ère
seat-member = Membre
assembly-kind-ordinary = Assemblée générale ordinaire
assembly-kind-extraordinary = Assemblée générale extraordinaire
majority-simple = majorité simple des suffrages exprimés
majority-absolute = majorité absolue des membres présents ou représentés
majority-two-thirds = majorité des deux tiers des suffrages exprimés
outcome-adopted = adoptée
outcome-rejected = rejetée
choice-for = Pour
choice-against = Contre
choice-abstain = Abstention

error-body-kind = Choisissez l'un des types d'instance.
error-body-name = Donnez à l'instance un nom de 2 à 120 caractères.
error-mandate-seat = Choisissez l'un des sièges.
error-mandate-date = Écrivez le jour sous la forme AAAA-MM-JJ.
error-mandate-ends-before = Un mandat ne peut pas finir avant de commencer.
error-mandate-person = Personne n'a de compte à cette adresse.
error-assembly-kind = Choisissez ordinaire ou extraordinaire.
error-assembly-title = Donnez à l'assemblée un titre de 2 à 140 caractères.
error-assembly-started = L'assemblée est ouverte : elle ne peut plus être modifiée.
error-assembly-closed = L'assemblée est close : son ordre du jour ne peut plus changer.
error-assembly-not-convened = Seule une assemblée convoquée peut être ouverte.
error-assembly-not-open = L'assemblée n'est pas ouverte.
error-already-convened = Cette assemblée a déjà été convoquée.
error-convocation-too-late = Trop tard : les statuts demandent que la convocation parte avant la date indiquée sur cette page. Reportez l'assemblée, ou changez le délai de convocation dans les statuts.
error-statutes-number = Écrivez un nombre entier dans les limites permises.
error-item-title = Donnez au point un titre de 2 à 200 caractères.
error-resolution-text = Écrivez le texte de la résolution, de 2 à 5 000 caractères.
error-resolution-majority = Choisissez la majorité requise.
error-resolution-ballot = Choisissez un vote à main levée ou à bulletin secret.
error-consultation-window = Une consultation écrite demande son premier et son dernier jour.
error-ballot-started = Le vote sur ce point a commencé : il ne peut plus changer.
error-quorum-missed = Le quorum n'était pas atteint à l'ouverture : l'assemblée ne peut pas voter.
error-presence = Choisissez sur place ou en ligne.
error-presence-closed = La présence s'enregistre d'une heure avant l'assemblée jusqu'à sa clôture.
error-not-on-roll = Vous n'êtes pas sur la liste d'émargement de cette assemblée.
error-proxy-holder = Personne sur la liste d'émargement n'a cette adresse.
error-proxy-closed = Une procuration se donne ou se reprend jusqu'à l'ouverture de l'assemblée.
error-proxy-giver-not-voting = Seul un membre votant peut donner procuration.
error-proxy-holder-not-voting = Une procuration ne se donne qu'à un membre votant de la liste.
error-proxy-self = Vous ne pouvez pas vous donner procuration.
error-proxy-cap = Ce membre détient déjà autant de procurations que les statuts le permettent.
error-proxy-chain = Ce membre a lui-même donné procuration : une procuration ne se transmet pas.
error-proxy-holds = Vous détenez des procurations d'autres membres : vous ne pouvez pas donner la vôtre.
error-vote-choice = Choisissez pour, contre ou abstention.
error-vote-no-resolution = Ce point ne porte pas de résolution à voter.
error-vote-not-open = Le vote sur cette résolution n'est pas encore ouvert.
error-vote-closed = Le vote sur cette résolution est clos.
error-vote-not-voting = Seuls les membres votants de la liste peuvent voter.
error-vote-proxy-given = Vous avez donné procuration : le membre qui la détient vote pour vous.
error-vote-not-holder = Vous ne détenez pas la procuration de ce membre.
error-vote-twice = Ce vote a déjà été exprimé.
error-receipt = Un reçu compte 16 lettres et chiffres, par exemple ABCD-EFGH-JKLM-NPQR.
error-minutes-empty = Le procès-verbal ne peut pas être vide.
error-minutes-not-closed = Le procès-verbal s'écrit une fois l'assemblée close.
error-minutes-approved = Ce procès-verbal est approuvé : il ne peut plus changer.

convocation-resolution = Résolution :
convocation-agenda-empty = L'ordre du jour suivra.
email-convocation-subject = Convocation : { $title }
email-convocation-body =
    Bonjour,

    Vous êtes convoqué·e à l'{ $kind } de { $association } : { $title }.

    Quand : { $when }
    Où : { $place }

    Ordre du jour :
    { $agenda }

    Les documents, la procuration si vous ne pouvez pas venir, et les votes : { $link }
    L'invitation jointe l'ajoute à votre agenda ; elle est aussi ici, une fois connecté·e : { $calendar }

minutes-held = L'assemblée s'est réunie le { $when }, à { $place }.
minutes-roll = La liste d'émargement comptait { $roll } personnes, dont { $voting } membres votants ; { $present } étaient présents et { $represented } représentés.
minutes-quorum-reached = Le quorum de { $needed } membres votants présents ou représentés était atteint.
minutes-quorum-missed = Le quorum de { $needed } membres votants présents ou représentés n'était pas atteint.
minutes-count = Pour : { $for } ; contre : { $against } ; abstentions : { $abstain }. Requis : { $majority }. La résolution est { $outcome }.
minutes-not-voted = Non soumis au vote.

# Pages : la page de la gouvernance, les instances, les statuts, les
# assemblées, la liste d'émargement et le procès-verbal.

nav-assemblies = Assemblées
governance-page-intro = Qui siège aujourd'hui dans les instances de l'association, et qui y a siégé.
governance-manage = Gérer la gouvernance
governance-manage-body = Gérer { $name }
governance-current = Mandats en cours
governance-vacant = Personne n'a de mandat en cours dans cette instance.
governance-sponsor-of = Sponsor de
governance-history = Historique
governance-back = Retour à la gouvernance
governance-form-errors = Certains champs sont à corriger : voir ci-dessous.
governance-markdown-hint = En Markdown.
mandate-since = depuis le { $date }
mandate-until = jusqu'au { $date }
statutes-title = Statuts des assemblées générales
statutes-intro = Ce que les statuts disent des assemblées générales. Chaque convocation, procuration et vote s'y conforme.
statutes-notice-days = Délai de convocation, en jours
statutes-notice-days-hint = entre la convocation et l'assemblée, de 0 à 365
statutes-proxy-cap = Procurations qu'un membre peut porter
statutes-proxy-cap-hint = de 0 à 100
statutes-ordinary-quorum = Quorum d'une assemblée ordinaire, en pourcentage des membres votants
statutes-extraordinary-quorum = Quorum d'une assemblée extraordinaire, en pourcentage des membres votants
statutes-abstentions = Les abstentions comptent parmi les suffrages exprimés
statutes-save = Enregistrer les statuts
body-new-title = Nouvelle instance
body-title = Instance
body-field-name = Nom
body-field-kind = Type
body-field-description = Description
body-create = Créer l'instance
body-edit = Nom et description
body-save = Enregistrer l'instance
body-remove = Supprimer cette instance
body-remove-hint = Ses mandats et leur historique sont supprimés avec elle.
body-mandates = Mandats
body-mandates-caption = Mandats de { $name }
body-no-mandates = Personne n'a encore eu de mandat dans cette instance.
mandate-name = Nom
mandate-term = Durée
mandate-not-current = pas en cours
mandate-end = Mettre fin au mandat
mandate-end-on = Dernier jour du mandat de { $name }
mandate-end-on-hint = aujourd'hui si laissé vide
mandate-add = Ajouter un mandat
mandate-field-email = Adresse e-mail de la personne
mandate-field-seat = Siège
mandate-field-starts = Premier jour
mandate-field-ends = Dernier jour
mandate-field-ends-hint = à laisser vide s'il n'est pas connu
mandate-save = Ajouter le mandat
assemblies-title = Assemblées générales
assemblies-none = Aucune assemblée générale pour l'instant.
assemblies-count = { $count ->
    [one] { $count } assemblée
   *[other] { $count } assemblées
}
assemblies-pages = Pages des assemblées
assemblies-back = Retour aux assemblées
assembly-new-title = Nouvelle assemblée générale
assembly-edit-title = Modifier l'assemblée
assembly-field-title = Intitulé
assembly-field-kind = Type
assembly-field-date = Jour
assembly-field-time = Heure
assembly-field-zone = Fuseau horaire
assembly-field-place = Lieu
assembly-field-details = Détails et documents
assembly-field-details-hint = En Markdown : l'introduction de l'ordre du jour et les liens vers les documents.
assembly-save = Enregistrer l'assemblée
assembly-when = Quand
assembly-where = Où
assembly-state = État
assembly-state-draft = Brouillon
assembly-state-convened = Convoquée
assembly-state-open = En séance
assembly-state-closed = Close
assembly-roll-size = Personnes convoquées
assembly-calendar = Ajouter à mon agenda
assembly-bureau = Pour le bureau
assembly-convene-by = La convocation doit partir au plus tard le { $date }.
assembly-convene = Convoquer l'assemblée
assembly-convene-hint = La liste d'émargement est arrêtée telle qu'elle est aujourd'hui, et chaque personne inscrite reçoit la convocation par e-mail.
assembly-open = Ouvrir la séance
assembly-open-hint = Les procurations deviennent définitives et le quorum est constaté tel qu'il est.
assembly-close = Clore la séance
assembly-close-hint = Les votes ouverts sont clos avec leur décompte, et le procès-verbal est rédigé d'après les faits.
quorum-title-live = Quorum à cette heure
quorum-title-opening = Quorum à l'ouverture
quorum-line = { $present } présents et { $represented } représentés, sur { $voting } membres votants ; il en faut { $needed }.
quorum-reached = Le quorum est atteint.
quorum-missed = Le quorum n'est pas atteint.
mine-title = Vous et cette assemblée
mine-class = Adhésion
mine-vote = Vote
mine-voting = Vous votez.
mine-not-voting = Vous participez sans voter.
mine-presence = Présence
mine-proxy-to = Vous avez donné procuration à { $name }.
mine-proxies-held = Vous portez les procurations de { $names }.
presence-in-person = Présent·e sur place
presence-online = Présent·e en ligne
presence-absent = Absent·e
check-in = Je participe en ligne
proxy-title = Donner procuration
proxy-hint = Si vous ne pouvez pas venir, un autre membre votant peut voter pour vous, jusqu'à l'ouverture de la séance.
proxy-holder = Adresse e-mail du membre votant qui votera pour vous
proxy-give = Donner ma procuration
proxy-revoke = Reprendre ma procuration
agenda-title = Ordre du jour
agenda-empty = L'ordre du jour est vide pour l'instant.
item-resolution = Résolution
item-majority = Majorité requise : { $majority }
ballot-kind-open = vote à main levée, nominal
ballot-kind-secret = vote à bulletin secret
ballot-window = consultation écrite du { $opens } au { $closes }
ballot-state-waiting = Le vote n'est pas encore ouvert.
ballot-state-open = Le vote est ouvert.
ballot-state-closed = Le vote est clos.
ballot-open = Ouvrir le vote
ballot-close = Clore le vote
vote-legend-own = Votre vote
vote-legend-proxy = Vote pour { $name }, dont vous portez la procuration
vote-done-own = Votre vote est enregistré.
vote-done-proxy = Le vote pour { $name } est enregistré.
vote-submit = Voter
receipt-shown = Votre reçu, affiché cette seule fois : gardez-le pour vérifier que votre bulletin a été compté.
receipt-field = Reçu d'un bulletin
receipt-check = Vérifier le reçu
receipt-counted = Ce bulletin a été compté.
receipt-not-found = Aucun bulletin ne porte ce reçu.
result-title = Résultat
result-outcome = La résolution est { $outcome }.
roll-call-caption = Vote nominal
roll-call-choice = Vote
item-add = Ajouter un point à l'ordre du jour
item-edit = Modifier « { $title } »
item-edit-title = Modifier un point de l'ordre du jour
item-field-title = Intitulé
item-field-description = Description
item-field-resolution = Ce point porte une résolution soumise au vote
item-field-text = Texte de la résolution
item-field-majority = Majorité requise
item-field-ballot = Mode de scrutin
item-field-window-hint = Pour une consultation écrite, son premier et son dernier jour ; laissez les deux vides pour un vote que la présidence ouvre et clôt en séance.
item-field-opens = Premier jour de la consultation
item-field-closes = Dernier jour de la consultation
item-save = Ajouter le point
item-update = Enregistrer le point
roll-title = Liste d'émargement
roll-caption = Liste d'émargement de { $title }
roll-search = Rechercher par nom ou adresse
roll-search-submit = Rechercher
roll-count = { $count ->
    [one] { $count } personne
   *[other] { $count } personnes
}
roll-none = Personne ne correspond sur la liste.
roll-name = Nom
roll-team = Équipe, invitée sans voix
roll-votes = Vote
roll-does-not-vote = Ne vote pas
roll-proxy = Procuration
roll-proxy-to = a donné procuration à { $name }
roll-proxies-held = porte les procurations de { $names }
roll-presence-of = Présence de { $name }
roll-record = Enregistrer
roll-record-of = Enregistrer la présence de { $name }
roll-pages = Pages de la liste d'émargement
minutes-title = Procès-verbal
minutes-link = Procès-verbal
minutes-link-draft = Procès-verbal (brouillon)
minutes-back = Retour à { $title }
minutes-approved-by = Approuvé le { $date } par { $name }.
minutes-draft-notice = Brouillon : seuls le ou la secrétaire et les administrateurs lisent ce procès-verbal tant qu'il n'est pas approuvé.
minutes-edit = Modifier le procès-verbal
minutes-field-text = Texte du procès-verbal
minutes-save = Enregistrer le brouillon
minutes-approve = Approuver le procès-verbal
minutes-approve-hint = Un procès-verbal approuvé est publié à toute la liste d'émargement et ne peut plus changer.

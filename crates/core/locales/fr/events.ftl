# Événements : le calendrier, la page d'un événement, son formulaire, les
# inscriptions et les nouvelles d'une inscription.

notification-kind-event-registration = Mon inscription à un événement est confirmée, en liste d'attente, promue, refusée ou annulée
notification-kind-event-registration-waiting = Quelqu'un demande à participer à un événement que j'organise

event-news-confirmed = Votre inscription à { $community } ({ $detail }) est confirmée
event-news-waitlisted = { $community } ({ $detail }) est complet : vous êtes sur la liste d'attente
event-news-pending = Votre inscription à { $community } ({ $detail }) attend l'accord des organisateurs
event-news-promoted = Une place s'est libérée : votre inscription à { $community } ({ $detail }) est confirmée
event-news-refused = Votre inscription à { $community } ({ $detail }) n'a pas été retenue
event-news-cancelled = Votre inscription à { $community } ({ $detail }) est annulée
event-news-event-cancelled = { $community } ({ $detail }) est annulé
event-news-waiting = Une inscription à { $community } ({ $detail }) attend votre accord

email-event-news-confirmed-subject = Inscription confirmée : { $community }
email-event-news-confirmed-body =
    Bonjour,

    Votre inscription à { $community } sur { $association } est confirmée.

    Quand : { $detail }

    Le détail, et pour vous désinscrire : { $link }
email-event-news-waitlisted-subject = Sur la liste d'attente : { $community }
email-event-news-waitlisted-body =
    Bonjour,

    { $community } sur { $association } est complet : vous êtes sur sa liste d'attente. Si une place se libère, elle revient à la première personne de la liste, et vous serez prévenu·e aussitôt.

    Quand : { $detail }

    Le détail, et pour quitter la liste : { $link }
email-event-news-pending-subject = Inscription reçue : { $community }
email-event-news-pending-body =
    Bonjour,

    Les organisateurs de { $community } sur { $association } valident chaque inscription. La vôtre est bien reçue et attend leur décision.

    Quand : { $detail }

    Le détail : { $link }
email-event-news-promoted-subject = Une place pour vous : { $community }
email-event-news-promoted-body =
    Bonjour,

    Une place s'est libérée pour { $community } sur { $association } : vous étiez le ou la suivante sur la liste d'attente, et votre inscription est désormais confirmée.

    Quand : { $detail }

    Le détail, et pour vous désinscrire si vous ne pouvez plus venir : { $link }
email-event-news-refused-subject = Inscription non retenue : { $community }
email-event-news-refused-body =
    Bonjour,

    Les organisateurs de { $community } sur { $association } n'ont pas retenu votre inscription.

    Quand : { $detail }
email-event-news-cancelled-subject = Inscription annulée : { $community }
email-event-news-cancelled-body =
    Bonjour,

    Votre inscription à { $community } sur { $association } est annulée.

    Quand : { $detail }

    Vous pouvez vous réinscrire tant que les inscriptions sont ouvertes : { $link }
email-event-news-event-cancelled-subject = Annulé : { $community }
email-event-news-event-cancelled-body =
    Bonjour,

    Les organisateurs ont annulé { $community } sur { $association }, auquel vous étiez inscrit·e.

    C'était prévu : { $detail }

    { $link }
email-event-news-waiting-subject = Une inscription attend votre accord : { $community }
email-event-news-waiting-body =
    Bonjour,

    Quelqu'un demande à participer à { $community } sur { $association }, que vous organisez.

    Quand : { $detail }

    Accepter ou refuser : { $link }

error-event-title = Donnez à l'événement un titre de 2 à 140 caractères.
error-event-format = Choisissez un format dans la liste.
error-event-audience = Choisissez dans la liste qui peut voir l'événement.
error-event-zone = Choisissez un fuseau horaire de la liste, comme Europe/Paris.
error-event-date = Indiquez une date au format AAAA-MM-JJ.
error-event-time = Indiquez une heure au format HH:MM, sur 24 heures.
error-event-ends-before = L'événement doit finir après son début.
error-event-closes-before = Les inscriptions doivent fermer après leur ouverture.
error-event-online-url = Indiquez le lien en ligne sous la forme d'une adresse https://.
error-event-count = Indiquez un nombre entier dans les limites indiquées.
error-event-question = La question tient sur une ligne de 200 caractères au plus.
error-event-capacity-below = La capacité ne peut pas être inférieure aux places déjà confirmées.
error-event-cancelled = Cet événement est annulé.
error-event-month = Indiquez un mois au format AAAA-MM.
error-event-guests = N'amenez pas plus d'invités que les organisateurs ne le permettent.
error-event-answer = La réponse tient sur une ligne de 300 caractères au plus.
error-event-decision = Acceptez ou refusez.
error-registration-not-open = Les inscriptions ne sont pas encore ouvertes.
error-registration-closed = Les inscriptions sont closes.
error-registration-exists = Vous êtes déjà inscrit·e à cet événement.
error-registration-none = Vous n'êtes pas inscrit·e à cet événement.
error-registration-state = Cette inscription a déjà été traitée.

events-title = Événements
events-filters = Filtrer les événements
events-any-format = Tous les formats
events-month = Mois
events-past = Événements passés
events-filter = Afficher
events-months = Mois
events-month-before = Mois précédent
events-month-after = Mois suivant
events-list = Les événements du mois
events-none = Aucun événement à afficher.
events-pages = Pages d'événements
events-count = { $count ->
    [one] 1 événement
   *[other] { $count } événements
}
events-day-mon = lun.
events-day-tue = mar.
events-day-wed = mer.
events-day-thu = jeu.
events-day-fri = ven.
events-day-sat = sam.
events-day-sun = dim.
events-community = Événements de la communauté
events-upcoming = À venir
events-recent = Récemment
events-all = Tous les événements de la communauté

event-format-seminar = Séminaire
event-format-forum = Forum
event-format-webinar = Webinaire
event-format-meetup = Rencontre
event-format-workshop = Atelier
event-format-working-group-meeting = Réunion de groupe de travail
event-format-general-assembly = Assemblée générale
event-format-other = Autre
event-audience-public = Tout le monde, visiteurs compris
event-audience-members = Les membres de l'association
event-audience-community = Les membres de la communauté seulement
event-online = En ligne
event-full = Complet : les inscriptions vont sur la liste d'attente
event-seats-left = { $count ->
    [one] 1 place restante
   *[other] { $count } places restantes
}
event-cancelled = Annulé
event-cancelled-notice = Cet événement est annulé.
event-when = Quand
event-where = Où
event-community = Communauté
event-organiser = Organisé par
event-seats = Places
event-online-link = Lien en ligne
event-online-hidden = Communiqué aux participants confirmés.
event-registration = Inscription
event-register = S'inscrire
event-unregister = Annuler mon inscription
event-sign-in-to-register = Connectez-vous pour vous inscrire
event-guests = Invités qui vous accompagnent
event-organisers = Pour les organisateurs
event-pending-count = { $count } en attente d'accord
event-waitlist-count = { $count } sur la liste d'attente
event-cover = Image de couverture
event-cover-hint = PNG, JPEG, WebP ou SVG, 512 Ko au plus
event-cover-save = Enregistrer la couverture
event-cover-remove = Retirer la couverture
event-edit-following = Modifier cette séance et les suivantes
event-cancel = Annuler l'événement
event-new-title = Nouvel événement
event-edit-title = Modifier l'événement
event-form-errors = Certains champs demandent votre attention : voir ci-dessous.
event-field-title = Titre
event-field-format = Format
event-field-audience = Qui peut le voir
event-field-when = Quand
event-field-start-date = Date de début
event-field-start-time = Heure de début
event-field-end-date = Date de fin
event-field-end-time = Heure de fin
event-field-zone = Fuseau horaire
event-field-address = Adresse
event-field-address-hint = (vide pour un événement en ligne)
event-field-online-url = Lien en ligne
event-field-online-url-hint = (https://, communiqué aux seuls participants confirmés)
event-field-description = Description
event-field-description-hint = (Markdown)
event-field-capacity = Capacité
event-field-capacity-hint = (places, invités compris ; vide pour aucune limite)
event-field-approval = Les organisateurs valident chaque inscription
event-field-opens = Les inscriptions ouvrent le
event-field-closes = Les inscriptions ferment à la fin du
event-field-max-guests = Invités qu'une personne inscrite peut amener
event-field-question = Une question aux personnes inscrites
event-field-question-hint = (facultative, comme un régime alimentaire)
event-save = Enregistrer l'événement

registration-state-pending = Votre inscription attend l'accord des organisateurs.
registration-state-confirmed = Vous êtes inscrit·e.
registration-state-waitlisted = Vous êtes sur la liste d'attente : la prochaine place libérée est proposée dans l'ordre.
registration-state-refused = Les organisateurs n'ont pas retenu votre inscription.
registration-state-cancelled = Vous avez annulé votre inscription.

registrations-title = Inscriptions
registrations-caption = Les inscriptions, confirmées d'abord, puis en attente d'accord, puis la liste d'attente dans l'ordre
registrations-none = Personne ne s'est encore inscrit.
registrations-name = Nom
registrations-state = Inscription
registrations-guests = Invités
registrations-at = Inscrit·e le
registrations-actions = Décision
registrations-approve = Accepter
registrations-refuse = Refuser
registrations-taken = { $count } places prises
nav-events = Événements

event-series = (récurrent)
event-series-coming = Prochaines séances
event-moved = (déplacée)
event-move-legend = Tenir cette séance à un autre moment
event-move = Déplacer cette séance
event-cancel-occurrence = Annuler cette séance
event-field-repeat = Répétition
event-field-repeat-how = Se répète
event-repeat-none = Ne se répète pas
event-repeat-weekly = Chaque semaine
event-repeat-every-two-weeks = Toutes les deux semaines
event-repeat-monthly-on-weekday = Chaque mois, le même jour de la semaine (comme le deuxième mardi)
event-repeat-rule = Selon la règle ci-dessous
event-field-rule = Règle
event-field-rule-hint = (RFC 5545, comme FREQ=WEEKLY;BYDAY=TU)
event-field-repeat-until = Dernier jour
event-field-repeat-count = Ou nombre de séances
error-event-rule = Écrivez la règle comme le demande la RFC 5545, par exemple FREQ=WEEKLY;COUNT=10.
error-event-rule-unbounded = Une série doit finir dans les cinq ans : indiquez son dernier jour ou son nombre de séances.
error-event-rule-start = La première séance doit tomber au début de l'événement : changez le début ou la règle.
error-event-repeat = Choisissez dans la liste comment l'événement se répète.
error-event-repeat-end = Indiquez soit le dernier jour, soit le nombre de séances, pas les deux.
error-event-not-series = Seule une séance d'une série peut être annulée ou déplacée à part.
event-add-to-calendar = Ajouter à mon agenda (.ics)
events-feed = S'abonner à ces événements dans un agenda (iCalendar)
event-news-moved = { $community } est déplacé : désormais { $detail }
event-news-reminder = Rappel : { $community } a lieu demain, { $detail }
email-event-news-moved-subject = Nouvel horaire : { $community }
email-event-news-moved-body =
    Bonjour,

    Les organisateurs de { $community } sur { $association } ont déplacé la séance à laquelle vous êtes inscrit·e. Elle a désormais lieu :

    { $detail }

    Votre inscription est maintenue. Le détail, et pour vous désinscrire si vous ne pouvez plus venir : { $link }
email-event-news-reminder-subject = Demain : { $community }
email-event-news-reminder-body =
    Bonjour,

    Un rappel : vous êtes inscrit·e à { $community } sur { $association }.

    Quand : { $detail }

    Le détail, et pour vous désinscrire si vous ne pouvez plus venir, afin que votre place revienne à la liste d'attente : { $link }
registrations-answer = Réponse
registrations-attendance = Présence
registrations-record = Enregistrer
registrations-csv = Télécharger les inscriptions (CSV)
registration-state-short-pending = En attente d'accord
registration-state-short-confirmed = Confirmée
registration-state-short-waitlisted = Liste d'attente
registration-state-short-refused = Refusée
registration-state-short-cancelled = Annulée
attendance-present = Présent·e
attendance-absent = Absent·e
attendance-excused = Excusé·e
error-event-attendance = Choisissez présent·e, absent·e ou excusé·e.
error-event-attendance-early = La présence s'enregistre une fois l'événement commencé.
error-event-attendance-seat = Seule la présence d'un participant confirmé s'enregistre.
feed-title = Mon agenda en flux
feed-intro = Une adresse privée pour votre application d'agenda : les événements auxquels vous êtes inscrit·e et ceux de vos communautés, tenus à jour. Quiconque détient l'adresse la lit : gardez-la pour vous ; vous pouvez la remplacer ou y mettre fin à tout moment.
feed-shown-once = L'adresse de votre flux, affichée cette seule fois. Copiez-la dans votre application d'agenda :
feed-state = Votre flux
feed-since = Vous avez un flux, créé le { $since }.
feed-none = Vous n'avez pas encore de flux.
feed-create = Créer l'adresse de mon flux
feed-replace = Remplacer l'adresse (l'ancienne cesse de fonctionner)
feed-end = Mettre fin à mon flux
events-my-feed = Mon agenda en flux

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

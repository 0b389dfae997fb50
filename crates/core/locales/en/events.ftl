# Events: the calendar, an event's page, its form, registrations and the
# news of a registration.

notification-kind-event-registration = My registration for an event is confirmed, waitlisted, promoted, refused or cancelled
notification-kind-event-registration-waiting = Someone asks to attend an event I organise

event-news-confirmed = Your registration for { $community } ({ $detail }) is confirmed
event-news-waitlisted = { $community } ({ $detail }) is full: you are on the waitlist
event-news-pending = Your registration for { $community } ({ $detail }) awaits the organisers' approval
event-news-promoted = A seat freed up: your registration for { $community } ({ $detail }) is confirmed
event-news-refused = Your registration for { $community } ({ $detail }) was declined
event-news-cancelled = Your registration for { $community } ({ $detail }) is cancelled
event-news-event-cancelled = { $community } ({ $detail }) is cancelled
event-news-waiting = A registration for { $community } ({ $detail }) awaits your approval

email-event-news-confirmed-subject = Registration confirmed: { $community }
email-event-news-confirmed-body =
    Hello,

    Your registration for { $community } on { $association } is confirmed.

    When: { $detail }

    Details, and how to cancel: { $link }
email-event-news-waitlisted-subject = On the waitlist: { $community }
email-event-news-waitlisted-body =
    Hello,

    { $community } on { $association } is full, so you are on its waitlist. If a seat frees up, it goes to the first person on the list, and you will be told at once.

    When: { $detail }

    Details, and how to leave the list: { $link }
email-event-news-pending-subject = Registration received: { $community }
email-event-news-pending-body =
    Hello,

    The organisers of { $community } on { $association } approve each registration. Yours has been received and awaits their decision.

    When: { $detail }

    Details: { $link }
email-event-news-promoted-subject = A seat for you: { $community }
email-event-news-promoted-body =
    Hello,

    A seat freed up for { $community } on { $association }: you were next on the waitlist, and your registration is now confirmed.

    When: { $detail }

    Details, and how to cancel if you can no longer come: { $link }
email-event-news-refused-subject = Registration declined: { $community }
email-event-news-refused-body =
    Hello,

    The organisers of { $community } on { $association } declined your registration.

    When: { $detail }
email-event-news-cancelled-subject = Registration cancelled: { $community }
email-event-news-cancelled-body =
    Hello,

    Your registration for { $community } on { $association } is cancelled.

    When: { $detail }

    You may register again, as long as registration is open: { $link }
email-event-news-event-cancelled-subject = Cancelled: { $community }
email-event-news-event-cancelled-body =
    Hello,

    The organisers cancelled { $community } on { $association }, which you had registered for.

    It was planned for: { $detail }

    { $link }
email-event-news-waiting-subject = A registration awaits your approval: { $community }
email-event-news-waiting-body =
    Hello,

    Someone asks to attend { $community } on { $association }, which you organise.

    When: { $detail }

    Approve or decline: { $link }

error-event-title = Give the event a title of 2 to 140 characters.
error-event-format = Choose a format from the list.
error-event-audience = Choose who may see the event from the list.
error-event-zone = Choose a time zone from the list, such as Europe/Paris.
error-event-date = Give a date as YYYY-MM-DD.
error-event-time = Give a time as HH:MM, on a 24-hour clock.
error-event-ends-before = The event must end after it starts.
error-event-closes-before = Registration must close after it opens.
error-event-online-url = Give the online link as an https:// address.
error-event-count = Give a whole number within the limits shown.
error-event-question = Keep the question to one line of at most 200 characters.
error-event-capacity-below = The capacity cannot be below the seats already confirmed.
error-event-cancelled = This event is cancelled.
error-event-month = Give a month as YYYY-MM.
error-event-guests = Bring no more guests than the organisers allow.
error-event-answer = Keep the answer to one line of at most 300 characters.
error-event-decision = Approve or decline.
error-registration-not-open = Registration is not open yet.
error-registration-closed = Registration is closed.
error-registration-exists = You are already registered for this event.
error-registration-none = You are not registered for this event.
error-registration-state = This registration has already been decided.

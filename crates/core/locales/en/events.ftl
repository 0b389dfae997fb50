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

events-title = Events
events-filters = Filter the events
events-any-format = Any format
events-month = Month
events-past = Past events
events-filter = Show
events-months = Months
events-month-before = Previous month
events-month-after = Next month
events-list = This month's events
events-none = No event to show.
events-pages = Pages of events
events-count = { $count ->
    [one] 1 event
   *[other] { $count } events
}
events-day-mon = Mon
events-day-tue = Tue
events-day-wed = Wed
events-day-thu = Thu
events-day-fri = Fri
events-day-sat = Sat
events-day-sun = Sun
events-community = Events of the community
events-upcoming = Coming up
events-recent = Recently
events-all = All the community's events

event-format-seminar = Seminar
event-format-forum = Forum
event-format-webinar = Webinar
event-format-meetup = Meetup
event-format-workshop = Workshop
event-format-working-group-meeting = Working group meeting
event-format-general-assembly = General assembly
event-format-other = Other
event-audience-public = Everyone, visitors included
event-audience-members = The association's members
event-audience-community = The community's members only
event-online = Online
event-full = Full: registrations go to the waitlist
event-seats-left = { $count ->
    [one] 1 seat left
   *[other] { $count } seats left
}
event-cancelled = Cancelled
event-cancelled-notice = This event is cancelled.
event-when = When
event-where = Where
event-community = Community
event-organiser = Organised by
event-seats = Seats
event-online-link = Online link
event-online-hidden = Shown to confirmed attendees.
event-registration = Registration
event-register = Register
event-unregister = Cancel my registration
event-sign-in-to-register = Sign in to register
event-guests = Guests coming with you
event-organisers = For the organisers
event-pending-count = { $count } awaiting approval
event-waitlist-count = { $count } on the waitlist
event-cover = Cover image
event-cover-hint = PNG, JPEG, WebP or SVG, at most 512 KB
event-cover-save = Save the cover
event-cover-remove = Remove the cover
event-edit-following = Edit this meeting and the following ones
event-cancel = Cancel the event
event-new-title = New event
event-edit-title = Edit the event
event-form-errors = Some fields need your attention: see below.
event-field-title = Title
event-field-format = Format
event-field-audience = Who may see it
event-field-when = When
event-field-start-date = Start date
event-field-start-time = Start time
event-field-end-date = End date
event-field-end-time = End time
event-field-zone = Time zone
event-field-address = Address
event-field-address-hint = (empty for an online event)
event-field-online-url = Online link
event-field-online-url-hint = (https://, shown to confirmed attendees only)
event-field-description = Description
event-field-description-hint = (Markdown)
event-field-capacity = Capacity
event-field-capacity-hint = (seats, guests included; empty for no limit)
event-field-approval = The organisers approve each registration
event-field-opens = Registration opens on
event-field-closes = Registration closes at the end of
event-field-max-guests = Guests a registrant may bring
event-field-question = A question for registrants
event-field-question-hint = (optional, such as dietary needs)
event-save = Save the event

registration-state-pending = Your registration awaits the organisers' approval.
registration-state-confirmed = You are registered.
registration-state-waitlisted = You are on the waitlist: the next seat freed is offered in order.
registration-state-refused = The organisers declined your registration.
registration-state-cancelled = You cancelled your registration.

registrations-title = Registrations
registrations-caption = Registrations, confirmed first, then awaiting approval, then the waitlist in order
registrations-none = Nobody has registered yet.
registrations-name = Name
registrations-state = Registration
registrations-guests = Guests
registrations-at = Registered on
registrations-actions = Decision
registrations-approve = Approve
registrations-refuse = Decline
registrations-taken = { $count } seats taken
nav-events = Events

event-series = (repeats)
event-series-coming = Coming occurrences
event-moved = (moved)
event-move-legend = Hold this occurrence at another time
event-move = Move this occurrence
event-cancel-occurrence = Cancel this occurrence
event-field-repeat = Repeat
event-field-repeat-how = Repeats
event-repeat-none = Does not repeat
event-repeat-weekly = Every week
event-repeat-every-two-weeks = Every two weeks
event-repeat-monthly-on-weekday = Every month, on the same weekday (such as the second Tuesday)
event-repeat-rule = By the rule below
event-field-rule = Rule
event-field-rule-hint = (RFC 5545, such as FREQ=WEEKLY;BYDAY=TU)
event-field-repeat-until = Last day
event-field-repeat-count = Or number of occurrences
error-event-rule = Write the rule as RFC 5545 asks, such as FREQ=WEEKLY;COUNT=10.
error-event-rule-unbounded = A series must end within five years: give its last day or its number of occurrences.
error-event-rule-start = The first occurrence must fall on the event's start: change the start or the rule.
error-event-repeat = Choose how the event repeats from the list.
error-event-repeat-end = Give either the last day or the number of occurrences, not both.
error-event-not-series = Only an occurrence of a series can be cancelled or moved alone.
event-add-to-calendar = Add to my calendar (.ics)
events-feed = Subscribe to these events in a calendar application (iCalendar)
event-news-moved = { $community } moved: now { $detail }
event-news-reminder = Reminder: { $community } is tomorrow, { $detail }
email-event-news-moved-subject = New time: { $community }
email-event-news-moved-body =
    Hello,

    The organisers of { $community } on { $association } moved the occurrence you registered for. It is now:

    { $detail }

    Your registration stands. Details, and how to cancel if you can no longer come: { $link }
email-event-news-reminder-subject = Tomorrow: { $community }
email-event-news-reminder-body =
    Hello,

    A reminder: you are registered for { $community } on { $association }.

    When: { $detail }

    Details, and how to cancel if you can no longer come, so that your seat goes to the waitlist: { $link }
registrations-answer = Answer
registrations-attendance = Attendance
registrations-record = Record
registrations-csv = Download the registrations (CSV)
registration-state-short-pending = Awaiting approval
registration-state-short-confirmed = Confirmed
registration-state-short-waitlisted = Waitlist
registration-state-short-refused = Declined
registration-state-short-cancelled = Cancelled
attendance-present = Present
attendance-absent = Absent
attendance-excused = Excused
error-event-attendance = Choose present, absent or excused.
error-event-attendance-early = Attendance is recorded once the event has begun.
error-event-attendance-seat = Only a confirmed attendee's attendance is recorded.
feed-title = My calendar feed
feed-intro = A private address for your calendar application: the events you registered for and those of your communities, kept up to date. Anyone who holds the address reads it, so keep it to yourself; you can replace it or end it at any time.
feed-shown-once = Your feed's address, shown this once. Copy it into your calendar application:
feed-state = Your feed
feed-since = You have a feed, made on { $since }.
feed-none = You have no feed yet.
feed-create = Make my feed's address
feed-replace = Replace the address (the old one stops working)
feed-end = End my feed
events-my-feed = My calendar feed

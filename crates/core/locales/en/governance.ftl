# Governance: bodies and mandates, general assemblies, proxies, ballots and
# minutes. Sentences of core: labels, errors, the convocation, the minutes'
# draft.

body-kind-bureau = Bureau
body-kind-board = Board
body-kind-steering-committee = Steering committee
body-kind-other = Other body
seat-president = President
seat-vice-president = Vice-president
seat-secretary = Secretary
seat-treasurer = Treasurer
seat-member = Member
assembly-kind-ordinary = Ordinary general assembly
assembly-kind-extraordinary = Extraordinary general assembly
majority-simple = simple majority of votes cast
majority-absolute = absolute majority of members present or represented
majority-two-thirds = two-thirds majority of votes cast
outcome-adopted = adopted
outcome-rejected = rejected
choice-for = For
choice-against = Against
choice-abstain = Abstain

error-body-kind = Choose one of the kinds of body.
error-body-name = Give the body a name of 2 to 120 characters.
error-mandate-seat = Choose one of the seats.
error-mandate-date = Write the day as YYYY-MM-DD.
error-mandate-ends-before = A mandate cannot end before it starts.
error-mandate-person = Nobody has an account with this address.
error-assembly-kind = Choose ordinary or extraordinary.
error-assembly-title = Give the assembly a title of 2 to 140 characters.
error-assembly-started = The assembly has opened: it can no longer be changed.
error-assembly-closed = The assembly is closed: its agenda can no longer change.
error-assembly-not-convened = Only a convened assembly can be opened.
error-assembly-not-open = The assembly is not open.
error-already-convened = This assembly was already convened.
error-convocation-too-late = Too late: the statutes ask for the convocation to be sent before the date shown on this page. Move the assembly later, or change the notice period in the statutes.
error-statutes-number = Write a whole number within the allowed range.
error-item-title = Give the item a title of 2 to 200 characters.
error-resolution-text = Write the resolution's text, 2 to 5,000 characters.
error-resolution-majority = Choose the majority the resolution needs.
error-resolution-ballot = Choose an open or a secret ballot.
error-consultation-window = A written consultation needs both its first and its last day.
error-ballot-started = The vote on this item has started: it can no longer change.
error-quorum-missed = The quorum was not reached when the assembly opened: it cannot vote.
error-presence = Choose in person or online.
error-presence-closed = Attendance is recorded from an hour before the assembly until it closes.
error-not-on-roll = You are not on this assembly's roll.
error-proxy-holder = Nobody on the roll has this address.
error-proxy-closed = Proxies can be given or taken back until the assembly opens.
error-proxy-giver-not-voting = Only a voting member can give a proxy.
error-proxy-holder-not-voting = A proxy can only be given to a voting member of the roll.
error-proxy-self = You cannot give your proxy to yourself.
error-proxy-cap = This member already carries as many proxies as the statutes allow.
error-proxy-chain = This member gave their own proxy: proxies cannot be passed on.
error-proxy-holds = You carry other members' proxies, so you cannot give yours.
error-vote-choice = Choose for, against or abstain.
error-vote-no-resolution = This item has no resolution to vote on.
error-vote-not-open = The vote on this resolution is not open yet.
error-vote-closed = The vote on this resolution is closed.
error-vote-not-voting = Only voting members of the roll can vote.
error-vote-proxy-given = You gave your proxy: the member carrying it votes for you.
error-vote-not-holder = You do not carry this member's proxy.
error-vote-twice = This vote was already cast.
error-receipt = A receipt is 16 letters and digits, such as ABCD-EFGH-JKLM-NPQR.
error-minutes-empty = The minutes cannot be empty.
error-minutes-not-closed = The minutes are written once the assembly has closed.
error-minutes-approved = These minutes are approved: they can no longer change.

convocation-resolution = Resolution:
convocation-agenda-empty = The agenda will be sent later.
email-convocation-subject = Convocation: { $title }
email-convocation-body =
    Hello,

    You are convened to the { $kind } of { $association }: { $title }.

    When: { $when }
    Where: { $place }

    Agenda:
    { $agenda }

    The documents, the proxy form if you cannot attend, and the votes: { $link }
    The invitation attached adds it to your calendar; it is also here once you are signed in: { $calendar }

minutes-held = The assembly met on { $when }, at { $place }.
minutes-roll = The roll held { $roll } people, { $voting } of them voting members; { $present } were present and { $represented } represented.
minutes-quorum-reached = The quorum of { $needed } voting members present or represented was reached.
minutes-quorum-missed = The quorum of { $needed } voting members present or represented was not reached.
minutes-count = For: { $for }; against: { $against }; abstentions: { $abstain }. Needed: { $majority }. The resolution is { $outcome }.
minutes-not-voted = Not put to the vote.

# Pages: the governance page, bodies, statutes, assemblies, the roll and
# the minutes.

nav-assemblies = Assemblies
governance-page-intro = Who sits in the association's bodies today, and who sat there before.
governance-manage = Manage governance
governance-manage-body = Manage { $name }
governance-current = Current mandates
governance-vacant = Nobody holds a mandate in this body today.
governance-sponsor-of = Sponsor of
governance-history = History
governance-back = Back to governance
governance-form-errors = Some fields need correcting: see below.
governance-markdown-hint = In Markdown.
mandate-since = since { $date }
mandate-until = until { $date }
statutes-title = Statutes of general assemblies
statutes-intro = What the statutes say of general assemblies. Each convocation, proxy and vote follows it.
statutes-notice-days = Notice period, in days
statutes-notice-days-hint = between the convocation and the assembly, 0 to 365
statutes-proxy-cap = Proxies one member may carry
statutes-proxy-cap-hint = 0 to 100
statutes-ordinary-quorum = Quorum of an ordinary assembly, in percent of the voting members
statutes-extraordinary-quorum = Quorum of an extraordinary assembly, in percent of the voting members
statutes-abstentions = Abstentions count among the votes cast
statutes-save = Save the statutes
body-new-title = New body
body-title = Body
body-field-name = Name
body-field-kind = Kind
body-field-description = Description
body-create = Create the body
body-edit = Name and description
body-save = Save the body
body-remove = Remove this body
body-remove-hint = Its mandates and their history are removed with it.
body-mandates = Mandates
body-mandates-caption = Mandates of { $name }
body-no-mandates = Nobody has held a mandate in this body yet.
mandate-name = Name
mandate-term = Term
mandate-not-current = not current
mandate-end = End the mandate
mandate-end-on = Last day of { $name }'s mandate
mandate-end-on-hint = today when left empty
mandate-add = Add a mandate
mandate-field-email = Email address of the person
mandate-field-seat = Seat
mandate-field-starts = First day
mandate-field-ends = Last day
mandate-field-ends-hint = leave empty when it is not known
mandate-save = Add the mandate
assemblies-title = General assemblies
assemblies-none = No general assembly yet.
assemblies-count = { $count ->
    [one] { $count } assembly
   *[other] { $count } assemblies
}
assemblies-pages = Pages of assemblies
assemblies-back = Back to the assemblies
assembly-new-title = New general assembly
assembly-edit-title = Change the assembly
assembly-field-title = Title
assembly-field-kind = Kind
assembly-field-date = Day
assembly-field-time = Time
assembly-field-zone = Time zone
assembly-field-place = Place
assembly-field-details = Details and documents
assembly-field-details-hint = In Markdown: the agenda's introduction and links to the documents.
assembly-save = Save the assembly
assembly-when = When
assembly-where = Where
assembly-state = State
assembly-state-draft = Draft
assembly-state-convened = Convened
assembly-state-open = In session
assembly-state-closed = Closed
assembly-roll-size = People convened
assembly-calendar = Add to my calendar
assembly-bureau = For the bureau
assembly-convene-by = The convocation must be sent by { $date }.
assembly-convene = Convene the assembly
assembly-convene-hint = This freezes the roll as it stands today and emails everyone on it.
assembly-open = Open the session
assembly-open-hint = Proxies become final and the quorum is recorded as it stands.
assembly-close = Close the session
assembly-close-hint = Open votes close with their count, and the minutes are drafted from what happened.
quorum-title-live = Quorum so far
quorum-title-opening = Quorum at the opening
quorum-line = { $present } present and { $represented } represented, of { $voting } voting members; { $needed } needed.
quorum-reached = The quorum is reached.
quorum-missed = The quorum is not reached.
mine-title = You and this assembly
mine-class = Membership
mine-vote = Vote
mine-voting = You vote.
mine-not-voting = You take part without voting.
mine-presence = Attendance
mine-proxy-to = You gave your proxy to { $name }.
mine-proxies-held = You carry the proxies of { $names }.
presence-in-person = Present in person
presence-online = Present online
presence-absent = Absent
check-in = I attend online
proxy-title = Give a proxy
proxy-hint = If you cannot attend, another voting member may vote for you until the session opens.
proxy-holder = Email address of the voting member who will vote for you
proxy-give = Give my proxy
proxy-revoke = Take back my proxy
agenda-title = Agenda
agenda-empty = The agenda is empty for now.
item-resolution = Resolution
item-majority = Majority needed: { $majority }
ballot-kind-open = open ballot, roll-call
ballot-kind-secret = secret ballot
ballot-window = written consultation from { $opens } to { $closes }
ballot-state-waiting = The vote is not open yet.
ballot-state-open = The vote is open.
ballot-state-closed = The vote is closed.
ballot-open = Open the vote
ballot-close = Close the vote
vote-legend-own = Your vote
vote-legend-proxy = Vote for { $name }, whose proxy you carry
vote-done-own = Your vote is recorded.
vote-done-proxy = The vote for { $name } is recorded.
vote-submit = Vote
receipt-shown = Your receipt, shown only this once: keep it to check that your ballot was counted.
receipt-field = Receipt of a ballot
receipt-check = Check the receipt
receipt-counted = This ballot was counted.
receipt-not-found = No ballot with this receipt was found.
result-title = Result
result-outcome = The resolution is { $outcome }.
roll-call-caption = Roll-call of the vote
roll-call-choice = Vote
item-add = Add an agenda item
item-edit = Change “{ $title }”
item-edit-title = Change an agenda item
item-field-title = Title
item-field-description = Description
item-field-resolution = This item carries a resolution put to the vote
item-field-text = Text of the resolution
item-field-majority = Majority needed
item-field-ballot = Ballot
item-field-window-hint = For a written consultation, its first and last days; leave both empty for a vote the chair opens and closes in session.
item-field-opens = First day of the consultation
item-field-closes = Last day of the consultation
item-save = Add the item
item-update = Save the item
roll-title = Roll
roll-caption = Roll of { $title }
roll-search = Search by name or address
roll-search-submit = Search
roll-count = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
roll-none = Nobody on the roll matches.
roll-name = Name
roll-team = Team, invited without voting
roll-votes = Votes
roll-does-not-vote = Does not vote
roll-proxy = Proxy
roll-proxy-to = gave their proxy to { $name }
roll-proxies-held = carries the proxies of { $names }
roll-presence-of = Attendance of { $name }
roll-record = Record
roll-record-of = Record the attendance of { $name }
roll-pages = Pages of the roll
minutes-title = Minutes
minutes-link = Minutes
minutes-link-draft = Minutes (draft)
minutes-back = Back to { $title }
minutes-approved-by = Approved on { $date } by { $name }.
minutes-draft-notice = Draft: only the secretary and the administrators read these minutes until they are approved.
minutes-edit = Edit the minutes
minutes-field-text = Text of the minutes
minutes-save = Save the draft
minutes-approve = Approve the minutes
minutes-approve-hint = Approved minutes are published to everyone on the roll and can no longer change.

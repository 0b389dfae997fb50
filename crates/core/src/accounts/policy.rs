//! Who may do what: the one place every authorization decision is taken.
//!
//! Pages, the JSON API, feeds, search, exports and emails all ask [`check`];
//! none of them compares roles on its own.

use crate::accounts::account::{Account, Role};
use crate::accounts::secret::ApiTokenScope;

/// Who is asking, and how they proved it.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Anonymous,
    /// Signed in through the browser.
    Session(&'a Account),
    /// Calling the API with a bearer token of the given scope.
    Token(&'a Account, ApiTokenScope),
}

impl<'a> Actor<'a> {
    pub fn account(&self) -> Option<&'a Account> {
        match *self {
            Self::Anonymous => None,
            Self::Session(account) | Self::Token(account, _) => Some(account),
        }
    }

    fn may_write(&self) -> bool {
        matches!(
            self,
            Self::Session(_) | Self::Token(_, ApiTokenScope::ReadWrite)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ReadOwnAccount,
    ChangeOwnAccount,
    /// Creating and revoking API tokens is done in the browser only, so a
    /// leaked token cannot mint others.
    ManageApiTokens,
    ReadAuditLog,
    /// Granting association roles.
    ManageRoles,
    /// The association's settings, such as who may hold a membership.
    ManageSettings,
    /// Reading those settings, which a read-only token of an administrator may.
    ViewSettings,
    /// The list of people and of memberships.
    ViewRegister,
    /// Someone's profile: their own, or another's that they made public.
    ViewProfile {
        own: bool,
        public: bool,
    },
    ViewOrganisations,
    ManageOrganisations,
    ViewPlans,
    ManagePlans,
    /// A membership with its payments: `concerned` when the actor holds it or
    /// is affiliated to the organisation that does.
    ViewMembership {
        concerned: bool,
    },
    /// Creating memberships, renewing them and changing their status.
    ManageMemberships,
    RecordPayment,
    /// Reading the bureau's work: sessions, the applications on their
    /// agendas, contributions.
    ExamineApplications,
    /// Holding sessions, deciding in them, recording contributions.
    DecideApplications,
    /// Deciding on an application that is on no session's agenda, when the
    /// instance allows it.
    DecideOutsideSession,
    /// A community's page: its existence depends on its visibility, and on
    /// whether the actor belongs to it.
    ViewCommunity {
        visibility: crate::kernel::visibility::Visibility,
        member: bool,
    },
    /// Creating and editing communities.
    ManageCommunities,
    /// A community's requests: `reviewer` when one of the actor's roles in it
    /// may review.
    ReviewJoinRequests {
        reviewer: bool,
    },
    /// Appointing pilots, animators and other roles of a community:
    /// `manager` when one of the actor's roles in it manages roles.
    ManageCommunityRoles {
        manager: bool,
    },
    /// Excluding and readmitting: `moderator` when one of the actor's roles
    /// in the community moderates.
    ModerateCommunity {
        moderator: bool,
    },
    /// Publishing a community's charter and content: `manager` when one of
    /// the actor's roles in it manages content.
    ManageCommunityContent {
        manager: bool,
    },
    /// Co-optation: the community's own members, in good standing with its
    /// rules, vouch for a request; administrators decide through review.
    VouchForRequest {
        member: bool,
    },
    /// Invitations come from those who may review requests.
    InviteToCommunity {
        reviewer: bool,
    },
    /// Editing the public site's texts, cards, lists and logo.
    ManageSite,
    /// Asking to be listed among the adopters: open to visitors.
    SubmitAdopter,
    /// The adopters' moderation queue, and approving or refusing in it.
    ModerateAdopters,
    /// An uploaded image: `public` when the site shows it (the logo, an
    /// approved adopter's); a submission's waits for the moderators.
    ViewSiteImage {
        public: bool,
    },
    /// Showing a member organisation among the adopters, or no longer:
    /// `representative` when the actor represents it.
    ShowOrganisation {
        representative: bool,
    },
    /// The private security inbox: the reports and their state, for the
    /// security contacts and administrators. To anyone else it does not exist.
    ReadSecurityReports,
    /// Moving a security report through its states.
    TriageSecurityReports,
    /// The newsletter's lists with their subscribers and past issues: the
    /// only place subscribers' addresses are shown.
    ViewNewsletter,
    /// Creating mailing lists and sending an issue to one.
    ManageNewsletter,
    /// An event, as far as its community is seen: `member` when the actor
    /// belongs to the community that holds it.
    ViewEvent {
        audience: crate::kernel::visibility::Audience,
        member: bool,
    },
    /// Creating, editing and cancelling a community's events, and deciding
    /// their registrations: `organiser` when one of the actor's roles in
    /// the community manages events.
    ManageEvents {
        organiser: bool,
    },
    /// The same for the association's own events, such as its general
    /// assembly: the bureau's.
    ManageAssociationEvents,
    /// Registering for an event one sees, and cancelling one's registration.
    RegisterForEvent,
    /// Making, replacing and ending one's calendar feed: in the browser only,
    /// as API tokens, since its address is a secret shown once.
    ManageCalendarFeed,
    /// The association's bodies, their mandates and the statutes that
    /// rule its assemblies.
    ManageGovernance,
    /// Reading what administrators keep of governance (the statutes, a
    /// body's page), which a read-only token may.
    ReadGovernance,
    /// Reading an assembly's roll, the bureau's, which a read-only token may.
    ReadRoll,
    /// A general assembly: the bureau's from the start, and, once it is
    /// `convened`, its roll's (`on_roll`), the people it was sent to.
    ViewAssembly {
        on_roll: bool,
        convened: bool,
    },
    /// Preparing, convening, opening and closing assemblies, the roll's
    /// attendance, the agenda and its ballots: the bureau's.
    ManageAssemblies,
    /// Giving one's proxy, checking in and voting, within what the roll
    /// says of the actor.
    TakePartInAssembly,
    /// Editing and approving an assembly's minutes: `secretary` when the
    /// actor holds a secretary's seat in a body now.
    WriteMinutes {
        secretary: bool,
    },
}

/// Why an actor may not do something, which decides what they are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// Anonymous: signing in may help.
    SignInRequired,
    /// Signed in, and allowed to know the thing exists, but not to do this.
    Forbidden,
    /// Not allowed to know the thing exists: answered as if it did not.
    Hidden,
}

pub fn check(actor: Actor<'_>, action: Action) -> Result<(), Denial> {
    let Some(account) = actor.account() else {
        return match action {
            // What membership costs is public, so that anyone can apply.
            Action::ViewPlans => Ok(()),
            Action::ViewCommunity {
                visibility: crate::kernel::visibility::Visibility::Public,
                ..
            } => Ok(()),
            Action::SubmitAdopter | Action::ViewSiteImage { public: true } => Ok(()),
            Action::ViewEvent {
                audience: crate::kernel::visibility::Audience::Public,
                ..
            } => Ok(()),
            Action::RegisterForEvent | Action::ManageCalendarFeed => Err(Denial::SignInRequired),
            Action::ViewAssembly { .. } | Action::TakePartInAssembly => Err(Denial::SignInRequired),
            Action::ReadOwnAccount
            | Action::ChangeOwnAccount
            | Action::ManageApiTokens
            | Action::ViewOrganisations => Err(Denial::SignInRequired),
            _ => Err(Denial::Hidden),
        };
    };
    let admin = account.has_role(Role::Administrator);
    let bureau = admin || account.has_role(Role::BureauMember);
    let treasury = admin || account.has_role(Role::Treasurer);
    let staff = bureau || treasury;
    let security = admin || account.has_role(Role::SecurityContact);
    let hidden_unless = |allowed: bool| if allowed { Ok(()) } else { Err(Denial::Hidden) };
    // Writes need a session or a read-write token, on top of the role.
    let writes = |allowed: bool| match (allowed, actor.may_write()) {
        (false, _) => Err(Denial::Hidden),
        (true, false) => Err(Denial::Forbidden),
        (true, true) => Ok(()),
    };
    match action {
        Action::ReadOwnAccount | Action::ViewOrganisations | Action::ViewPlans => Ok(()),
        Action::ChangeOwnAccount => {
            if actor.may_write() {
                Ok(())
            } else {
                Err(Denial::Forbidden)
            }
        }
        Action::ManageApiTokens | Action::ManageCalendarFeed => {
            if matches!(actor, Actor::Session(_)) {
                Ok(())
            } else {
                Err(Denial::Forbidden)
            }
        }
        Action::ReadAuditLog | Action::ViewSettings => hidden_unless(admin),
        Action::ViewRegister => hidden_unless(staff),
        Action::ViewProfile { own, public } => hidden_unless(own || public || staff),
        Action::ViewMembership { concerned } => hidden_unless(concerned || staff),
        Action::ManageRoles | Action::ManageSettings => writes(admin),
        Action::ManageOrganisations | Action::ManageMemberships => writes(bureau),
        Action::ManagePlans | Action::RecordPayment => writes(treasury),
        Action::ExamineApplications => hidden_unless(bureau),
        Action::DecideApplications => writes(bureau),
        Action::DecideOutsideSession => writes(admin),
        Action::ViewCommunity { visibility, member } => {
            use crate::kernel::visibility::Visibility;
            hidden_unless(member || admin || visibility != Visibility::Secret)
        }
        Action::ManageCommunities => writes(admin),
        Action::ReviewJoinRequests { reviewer } => writes(reviewer || admin),
        Action::ManageCommunityRoles { manager } => writes(manager || admin),
        Action::ModerateCommunity { moderator } => writes(moderator || admin),
        Action::ManageCommunityContent { manager } => writes(manager || admin),
        Action::VouchForRequest { member } => writes(member),
        Action::InviteToCommunity { reviewer } => writes(reviewer || admin),
        Action::ManageSite => writes(admin),
        Action::SubmitAdopter => Ok(()),
        Action::ModerateAdopters => writes(admin || account.has_role(Role::Moderator)),
        Action::ViewSiteImage { public } => {
            hidden_unless(public || admin || account.has_role(Role::Moderator))
        }
        Action::ShowOrganisation { representative } => writes(representative || bureau),
        Action::ReadSecurityReports => hidden_unless(security),
        Action::TriageSecurityReports => writes(security),
        Action::ViewNewsletter => hidden_unless(admin),
        Action::ManageNewsletter => writes(admin),
        Action::ViewEvent { audience, member } => {
            use crate::kernel::visibility::Audience;
            hidden_unless(member || admin || audience != Audience::Community)
        }
        Action::ManageEvents { organiser } => writes(organiser || admin),
        Action::ManageAssociationEvents => writes(bureau),
        Action::RegisterForEvent => writes(true),
        Action::ManageGovernance => writes(admin),
        Action::ReadGovernance => hidden_unless(admin),
        Action::ReadRoll => hidden_unless(bureau),
        Action::ViewAssembly { on_roll, convened } => {
            hidden_unless(bureau || (on_roll && convened))
        }
        Action::ManageAssemblies => writes(bureau),
        Action::TakePartInAssembly => writes(true),
        Action::WriteMinutes { secretary } => writes(secretary || admin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::account::{AccountId, DisplayName};
    use crate::kernel::association::Language;
    use crate::kernel::email::EmailAddress;
    use crate::kernel::time::Timestamp;

    fn account(roles: Vec<Role>) -> Account {
        Account {
            id: AccountId(1),
            email: EmailAddress::parse("a@example.org").unwrap(),
            display_name: DisplayName::parse("A").unwrap(),
            language: Language::Fr,
            roles,
            created_at: Timestamp(0),
        }
    }

    fn check_matrix(actor: Actor<'_>, expected: [Result<(), Denial>; 4]) {
        let actions = [
            Action::ReadOwnAccount,
            Action::ChangeOwnAccount,
            Action::ManageApiTokens,
            Action::ReadAuditLog,
        ];
        for (action, expected) in actions.into_iter().zip(expected) {
            assert_eq!(check(actor, action), expected, "{actor:?} {action:?}");
        }
    }

    #[test]
    fn decides_for_every_actor_and_action() {
        use Denial::*;
        let member = account(vec![]);
        let admin = account(vec![Role::Administrator]);
        check_matrix(
            Actor::Anonymous,
            [
                Err(SignInRequired),
                Err(SignInRequired),
                Err(SignInRequired),
                Err(Hidden),
            ],
        );
        check_matrix(
            Actor::Session(&member),
            [Ok(()), Ok(()), Ok(()), Err(Hidden)],
        );
        check_matrix(Actor::Session(&admin), [Ok(()), Ok(()), Ok(()), Ok(())]);
        check_matrix(
            Actor::Token(&member, ApiTokenScope::Read),
            [Ok(()), Err(Forbidden), Err(Forbidden), Err(Hidden)],
        );
        check_matrix(
            Actor::Token(&member, ApiTokenScope::ReadWrite),
            [Ok(()), Ok(()), Err(Forbidden), Err(Hidden)],
        );
        check_matrix(
            Actor::Token(&admin, ApiTokenScope::Read),
            [Ok(()), Err(Forbidden), Err(Forbidden), Ok(())],
        );
    }

    #[test]
    fn register_and_dues_by_role() {
        use Denial::*;
        let member = account(vec![]);
        let bureau = account(vec![Role::BureauMember]);
        let treasurer = account(vec![Role::Treasurer]);
        let admin = account(vec![Role::Administrator]);
        let cases: [(Action, [Result<(), Denial>; 5]); 12] = [
            // anonymous, member, bureau, treasurer, administrator
            (Action::ViewPlans, [Ok(()), Ok(()), Ok(()), Ok(()), Ok(())]),
            (
                Action::ViewOrganisations,
                [Err(SignInRequired), Ok(()), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ViewRegister,
                [Err(Hidden), Err(Hidden), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ViewProfile {
                    own: false,
                    public: false,
                },
                [Err(Hidden), Err(Hidden), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ViewProfile {
                    own: false,
                    public: true,
                },
                [Err(Hidden), Ok(()), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ViewMembership { concerned: true },
                [Err(Hidden), Ok(()), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ManageMemberships,
                [Err(Hidden), Err(Hidden), Ok(()), Err(Hidden), Ok(())],
            ),
            (
                Action::RecordPayment,
                [Err(Hidden), Err(Hidden), Err(Hidden), Ok(()), Ok(())],
            ),
            (
                Action::ManageRoles,
                [Err(Hidden), Err(Hidden), Err(Hidden), Err(Hidden), Ok(())],
            ),
            (
                Action::ExamineApplications,
                [Err(Hidden), Err(Hidden), Ok(()), Err(Hidden), Ok(())],
            ),
            (
                Action::DecideApplications,
                [Err(Hidden), Err(Hidden), Ok(()), Err(Hidden), Ok(())],
            ),
            (
                Action::DecideOutsideSession,
                [Err(Hidden), Err(Hidden), Err(Hidden), Err(Hidden), Ok(())],
            ),
        ];
        for (action, expected) in cases {
            let actors = [
                Actor::Anonymous,
                Actor::Session(&member),
                Actor::Session(&bureau),
                Actor::Session(&treasurer),
                Actor::Session(&admin),
            ];
            for (actor, expected) in actors.into_iter().zip(expected) {
                assert_eq!(check(actor, action), expected, "{actor:?} {action:?}");
            }
        }
        let read_only = Actor::Token(&treasurer, ApiTokenScope::Read);
        assert_eq!(check(read_only, Action::RecordPayment), Err(Forbidden));
        assert_eq!(check(read_only, Action::ViewRegister), Ok(()));
    }

    #[test]
    fn events_by_role() {
        use crate::kernel::visibility::Audience;
        use Denial::*;
        let member = account(vec![]);
        let bureau = account(vec![Role::BureauMember]);
        let admin = account(vec![Role::Administrator]);
        let cases: [(Action, [Result<(), Denial>; 4]); 7] = [
            // anonymous, member, bureau, administrator
            (
                Action::ViewEvent {
                    audience: Audience::Public,
                    member: false,
                },
                [Ok(()), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ViewEvent {
                    audience: Audience::Members,
                    member: false,
                },
                [Err(Hidden), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ViewEvent {
                    audience: Audience::Community,
                    member: false,
                },
                [Err(Hidden), Err(Hidden), Err(Hidden), Ok(())],
            ),
            (
                Action::ManageEvents { organiser: true },
                [Err(Hidden), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ManageAssociationEvents,
                [Err(Hidden), Err(Hidden), Ok(()), Ok(())],
            ),
            (
                Action::RegisterForEvent,
                [Err(SignInRequired), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ManageCalendarFeed,
                [Err(SignInRequired), Ok(()), Ok(()), Ok(())],
            ),
        ];
        for (action, expected) in cases {
            let actors = [
                Actor::Anonymous,
                Actor::Session(&member),
                Actor::Session(&bureau),
                Actor::Session(&admin),
            ];
            for (actor, expected) in actors.into_iter().zip(expected) {
                assert_eq!(check(actor, action), expected, "{actor:?} {action:?}");
            }
        }
        let token = Actor::Token(&member, ApiTokenScope::ReadWrite);
        assert_eq!(check(token, Action::ManageCalendarFeed), Err(Forbidden));
        assert_eq!(check(token, Action::RegisterForEvent), Ok(()));
        let read_only = Actor::Token(&member, ApiTokenScope::Read);
        assert_eq!(check(read_only, Action::RegisterForEvent), Err(Forbidden));
    }

    #[test]
    fn governance_by_role() {
        use Denial::*;
        let member = account(vec![]);
        let bureau = account(vec![Role::BureauMember]);
        let admin = account(vec![Role::Administrator]);
        let cases: [(Action, [Result<(), Denial>; 4]); 10] = [
            // anonymous, member, bureau, administrator
            (
                Action::ManageGovernance,
                [Err(Hidden), Err(Hidden), Err(Hidden), Ok(())],
            ),
            (
                Action::ReadGovernance,
                [Err(Hidden), Err(Hidden), Err(Hidden), Ok(())],
            ),
            (Action::ReadRoll, [Err(Hidden), Err(Hidden), Ok(()), Ok(())]),
            (
                Action::ViewAssembly {
                    on_roll: false,
                    convened: false,
                },
                [Err(SignInRequired), Err(Hidden), Ok(()), Ok(())],
            ),
            // Before its convocation, an assembly is the bureau's draft.
            (
                Action::ViewAssembly {
                    on_roll: true,
                    convened: false,
                },
                [Err(SignInRequired), Err(Hidden), Ok(()), Ok(())],
            ),
            (
                Action::ViewAssembly {
                    on_roll: true,
                    convened: true,
                },
                [Err(SignInRequired), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ManageAssemblies,
                [Err(Hidden), Err(Hidden), Ok(()), Ok(())],
            ),
            (
                Action::TakePartInAssembly,
                [Err(SignInRequired), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::WriteMinutes { secretary: false },
                [Err(Hidden), Err(Hidden), Err(Hidden), Ok(())],
            ),
            (
                Action::WriteMinutes { secretary: true },
                [Err(Hidden), Ok(()), Ok(()), Ok(())],
            ),
        ];
        for (action, expected) in cases {
            let actors = [
                Actor::Anonymous,
                Actor::Session(&member),
                Actor::Session(&bureau),
                Actor::Session(&admin),
            ];
            for (actor, expected) in actors.into_iter().zip(expected) {
                assert_eq!(check(actor, action), expected, "{actor:?} {action:?}");
            }
        }
        let read_only = Actor::Token(&member, ApiTokenScope::Read);
        assert_eq!(check(read_only, Action::TakePartInAssembly), Err(Forbidden));
        // Reading is a token's to do; changing is not.
        let admin_reads = Actor::Token(&admin, ApiTokenScope::Read);
        assert_eq!(check(admin_reads, Action::ReadGovernance), Ok(()));
        assert_eq!(check(admin_reads, Action::ReadRoll), Ok(()));
        assert_eq!(check(admin_reads, Action::ManageGovernance), Err(Forbidden));
    }

    #[test]
    fn the_public_site_by_role() {
        use Denial::*;
        let member = account(vec![]);
        let moderator = account(vec![Role::Moderator]);
        let bureau = account(vec![Role::BureauMember]);
        let admin = account(vec![Role::Administrator]);
        let cases: [(Action, [Result<(), Denial>; 5]); 7] = [
            // anonymous, member, moderator, bureau, administrator
            (
                Action::ManageSite,
                [Err(Hidden), Err(Hidden), Err(Hidden), Err(Hidden), Ok(())],
            ),
            (
                Action::SubmitAdopter,
                [Ok(()), Ok(()), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ModerateAdopters,
                [Err(Hidden), Err(Hidden), Ok(()), Err(Hidden), Ok(())],
            ),
            (
                Action::ViewSiteImage { public: true },
                [Ok(()), Ok(()), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ViewSiteImage { public: false },
                [Err(Hidden), Err(Hidden), Ok(()), Err(Hidden), Ok(())],
            ),
            (
                Action::ShowOrganisation {
                    representative: true,
                },
                [Err(Hidden), Ok(()), Ok(()), Ok(()), Ok(())],
            ),
            (
                Action::ShowOrganisation {
                    representative: false,
                },
                [Err(Hidden), Err(Hidden), Err(Hidden), Ok(()), Ok(())],
            ),
        ];
        for (action, expected) in cases {
            let actors = [
                Actor::Anonymous,
                Actor::Session(&member),
                Actor::Session(&moderator),
                Actor::Session(&bureau),
                Actor::Session(&admin),
            ];
            for (actor, expected) in actors.into_iter().zip(expected) {
                assert_eq!(check(actor, action), expected, "{actor:?} {action:?}");
            }
        }
        let read_only = Actor::Token(&admin, ApiTokenScope::Read);
        assert_eq!(check(read_only, Action::ManageSite), Err(Forbidden));
    }

    #[test]
    fn security_inbox_and_newsletter_by_role() {
        use Denial::*;
        let member = account(vec![]);
        let contact = account(vec![Role::SecurityContact]);
        let moderator = account(vec![Role::Moderator]);
        let admin = account(vec![Role::Administrator]);
        let cases: [(Action, [Result<(), Denial>; 5]); 4] = [
            // anonymous, member, security contact, moderator, administrator
            (
                Action::ReadSecurityReports,
                [Err(Hidden), Err(Hidden), Ok(()), Err(Hidden), Ok(())],
            ),
            (
                Action::TriageSecurityReports,
                [Err(Hidden), Err(Hidden), Ok(()), Err(Hidden), Ok(())],
            ),
            (
                Action::ViewNewsletter,
                [Err(Hidden), Err(Hidden), Err(Hidden), Err(Hidden), Ok(())],
            ),
            (
                Action::ManageNewsletter,
                [Err(Hidden), Err(Hidden), Err(Hidden), Err(Hidden), Ok(())],
            ),
        ];
        for (action, expected) in cases {
            let actors = [
                Actor::Anonymous,
                Actor::Session(&member),
                Actor::Session(&contact),
                Actor::Session(&moderator),
                Actor::Session(&admin),
            ];
            for (actor, expected) in actors.into_iter().zip(expected) {
                assert_eq!(check(actor, action), expected, "{actor:?} {action:?}");
            }
        }
        let read_only = Actor::Token(&contact, ApiTokenScope::Read);
        assert_eq!(check(read_only, Action::ReadSecurityReports), Ok(()));
        assert_eq!(
            check(read_only, Action::TriageSecurityReports),
            Err(Forbidden)
        );
    }
}

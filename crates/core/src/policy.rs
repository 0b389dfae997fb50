//! Who may do what: the one place every authorization decision is taken.
//!
//! Pages, the JSON API, feeds, search, exports and emails all ask [`check`];
//! none of them compares roles on its own.

use crate::account::{Account, Role};
use crate::secret::ApiTokenScope;

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
        return Err(match action {
            Action::ReadAuditLog => Denial::Hidden,
            _ => Denial::SignInRequired,
        });
    };
    let allowed = match action {
        Action::ReadOwnAccount => true,
        Action::ChangeOwnAccount => actor.may_write(),
        Action::ManageApiTokens => matches!(actor, Actor::Session(_)),
        Action::ReadAuditLog => {
            return if account.has_role(Role::Administrator) {
                Ok(())
            } else {
                Err(Denial::Hidden)
            };
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(Denial::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{AccountId, DisplayName, EmailAddress};
    use crate::association::Language;
    use crate::time::Timestamp;

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
}

//! What the register's pages and API read beside the flows of
//! [`crate::register::membership`]: the plans, the organisations a person
//! may name on their profile, a person's standing and their account page. Each asks the policy
//! first, so a surface shows what core allows and decides nothing itself.

use crate::accounts::account::AccountId;
use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::accounts::secret::ApiToken;
use crate::kernel::association::Language;
use crate::kernel::flow::Context;
use crate::register::dues::{Adherence, Holder, Membership, Plan};
use crate::register::membership::adherence_of;
use crate::register::people::Organisation;
use crate::register::store::Storage;

/// The plans one may hold a membership under.
pub async fn plans(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Vec<Plan>, FlowError> {
    policy::check(actor, Action::ViewPlans)?;
    Ok(ctx.store.plans().await?)
}

/// The organisations a person may say they belong to on their own profile.
pub async fn organisation_choices(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Vec<Organisation>, FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    signed_in(actor)?;
    Ok(ctx.store.organisations().await?)
}

/// Whether `account` is an adherent today and why, in `language`: for the
/// person themself and for those who keep the register; `None` for anyone
/// else, who is not told.
pub async fn standing(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    account: AccountId,
    language: Language,
) -> Result<Option<String>, FlowError> {
    let own = actor.account().is_some_and(|a| a.id == account);
    if !own && policy::check(actor, Action::ViewRegister).is_err() {
        return Ok(None);
    }
    let person = ctx.store.account(account).await?;
    Ok(Some(adherence_of(ctx, &person, language).await?.reason))
}

/// What a person sees of themself on their account page.
#[derive(Debug, Clone)]
pub struct AccountOverview {
    pub adherence: Adherence,
    /// The memberships they hold in their own name.
    pub memberships: Vec<Membership>,
    pub tokens: Vec<ApiToken>,
    /// Whether their profile is due for a look, so the page asks them.
    pub profile_needs_review: bool,
}

pub async fn account_overview(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    language: Language,
) -> Result<AccountOverview, FlowError> {
    policy::check(actor, Action::ReadOwnAccount)?;
    let account = signed_in(actor)?;
    Ok(AccountOverview {
        adherence: adherence_of(ctx, account, language).await?,
        memberships: ctx
            .store
            .memberships_held_by(Holder::Person(account.id))
            .await?,
        tokens: ctx.store.api_tokens(account.id).await?,
        profile_needs_review: ctx.store.profile(account.id).await?.needs_review(ctx.now),
    })
}

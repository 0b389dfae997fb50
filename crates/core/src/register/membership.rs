//! The register and dues flows: roles, profiles, organisations,
//! affiliations, plans, memberships, payments, and who is an adherent.
//!
//! Each function asks [`policy::check`] first, parses its raw input, and
//! asks the store for one transaction.

use crate::accounts::account::{Account, AccountId, Role};
use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor, Denial};
use crate::accounts::store::RolesChange;
use crate::kernel::association::Language;
use crate::kernel::date::{Amount, Date};
use crate::kernel::flow::Context;
use crate::kernel::paging::PageNumber;
use crate::kernel::store::Listed;
use crate::kernel::store::StoreError;
use crate::kernel::validation::{ValidationError, keep};
use crate::register::dues::{
    Adherence, Holder, HolderKind, Membership, MembershipId, MembershipPolicy, MembershipStatus,
    PaymentId, PaymentMethod, PeriodId, PlanId, PlanInput, adherence,
};
use crate::register::people::{
    Affiliation, Employer, Organisation, OrganisationId, OrganisationInput, Profile, ProfileInput,
};
use crate::register::store::NameSearch;
use crate::register::store::NewAffiliation;
use crate::register::store::NewMembership;
use crate::register::store::NewPayment;
use crate::register::store::NewPeriod;
use crate::register::store::OrganisationSave;
use crate::register::store::PersonSummary;
use crate::register::store::PlanSave;
use crate::register::store::ProfileSave;
use crate::register::store::StatusChange;
use crate::register::store::Storage;

/// Replaces the association roles of `account`.
pub async fn set_roles(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    account: AccountId,
    roles: &[String],
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageRoles)?;
    let by = signed_in(actor)?.id;
    let mut parsed = Vec::new();
    for role in roles {
        let role =
            Role::parse(role.trim()).ok_or_else(|| FlowError::field("roles", "error-role"))?;
        if !parsed.contains(&role) {
            parsed.push(role);
        }
    }
    // An instance must keep an administrator: one cannot demote oneself.
    if account == by && !parsed.contains(&Role::Administrator) {
        return Err(FlowError::field("roles", "error-last-administrator"));
    }
    Ok(ctx
        .store
        .set_roles(&RolesChange {
            account,
            roles: parsed,
            by,
            at: ctx.now,
        })
        .await?)
}

/// How many people a page of the register shows.
pub const REGISTER_PAGE_SIZE: u32 = 50;

/// A search of the register as the query string sends it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RegisterSearch {
    /// Part of a name or an email address; empty for everyone.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: String,
}

impl RegisterSearch {
    /// The search the store runs for the page asked, of `size` rows.
    fn parse(&self, size: u32) -> Result<(NameSearch, PageNumber), FlowError> {
        let page =
            PageNumber::parse("page", &self.page).map_err(|e| FlowError::Invalid(vec![e]))?;
        let words = crate::register::people::text(&self.q, 100, "q")
            .map_err(|e| FlowError::Invalid(vec![e]))?;
        let search = NameSearch {
            words,
            offset: page.offset(size),
            limit: size,
        };
        Ok((search, page))
    }
}

/// A page of what the staff list, and where it stands: what was searched
/// (empty for everything), how many there are in all, and which page of
/// how many.
#[derive(Debug, Clone)]
pub struct ListPage<T> {
    pub words: String,
    pub items: Vec<T>,
    pub total: u64,
    pub page: PageNumber,
    pub pages: u32,
}

impl<T> ListPage<T> {
    fn new(listed: Listed<T>, words: String, page: PageNumber, size: u32) -> Self {
        Self {
            words,
            pages: PageNumber::count(listed.total, size),
            items: listed.items,
            total: listed.total,
            page,
        }
    }
}

/// A page of the register of people by name, for the bureau, the treasurer
/// and administrators: it may hold a million people, so it is searched and
/// read a page at a time.
pub async fn people(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    search: &RegisterSearch,
) -> Result<ListPage<PersonSummary>, FlowError> {
    policy::check(actor, Action::ViewRegister)?;
    let (search, page) = search.parse(REGISTER_PAGE_SIZE)?;
    let found = ctx.store.find_people(&search).await?;
    Ok(ListPage::new(found, search.words, page, REGISTER_PAGE_SIZE))
}

/// Someone's profile, if the actor may see it; otherwise [`FlowError::NotFound`],
/// exactly as if the person did not exist.
pub async fn view_profile(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    account: AccountId,
) -> Result<Profile, FlowError> {
    let profile = match ctx.store.profile(account).await {
        Ok(profile) => profile,
        Err(StoreError::NotFound) => return Err(FlowError::NotFound),
        Err(other) => return Err(other.into()),
    };
    let own = actor.account().is_some_and(|a| a.id == account);
    policy::check(
        actor,
        Action::ViewProfile {
            own,
            public: profile.details.public,
        },
    )
    .map_err(|denial| match denial {
        Denial::Hidden => FlowError::NotFound,
        other => FlowError::Denied(other),
    })?;
    Ok(profile)
}

/// Saves the actor's own profile, which also records it as reviewed.
pub async fn save_profile(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &ProfileInput,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?.id;
    let details = input.parse().map_err(FlowError::Invalid)?;
    ctx.store
        .save_profile(&ProfileSave {
            account,
            details,
            at: ctx.now,
        })
        .await
        .map_err(|error| match error {
            StoreError::NotFound => {
                FlowError::field("employer_organisation", "error-organisation-choice")
            }
            other => other.into(),
        })
}

/// "My job and employer are still right."
pub async fn confirm_profile_current(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    Ok(ctx
        .store
        .confirm_profile_current(signed_in(actor)?.id, ctx.now)
        .await?)
}

pub async fn set_membership_policy(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &str,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageSettings)?;
    let by = signed_in(actor)?.id;
    let policy = MembershipPolicy::parse(input).map_err(|error| FlowError::Invalid(vec![error]))?;
    Ok(ctx.store.set_membership_policy(policy, by, ctx.now).await?)
}

/// A page of the organisations by name, searched by part of their name, 50
/// a page like the register of people.
pub async fn organisations(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    search: &RegisterSearch,
) -> Result<ListPage<Organisation>, FlowError> {
    policy::check(actor, Action::ViewOrganisations)?;
    let (search, page) = search.parse(REGISTER_PAGE_SIZE)?;
    let found = ctx.store.find_organisations(&search).await?;
    Ok(ListPage::new(found, search.words, page, REGISTER_PAGE_SIZE))
}

/// An organisation with the people affiliated to it. Who works where is
/// shown to the staff, and to the organisation's own people.
pub async fn organisation(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: OrganisationId,
) -> Result<(Organisation, Vec<Affiliation>), FlowError> {
    policy::check(actor, Action::ViewOrganisations)?;
    let organisation = ctx.store.organisation(id).await?;
    let affiliations = ctx.store.affiliations_of_organisation(id).await?;
    let insider = actor
        .account()
        .is_some_and(|a| affiliations.iter().any(|f| f.account == a.id));
    let affiliations = if insider || policy::check(actor, Action::ViewRegister).is_ok() {
        affiliations
    } else {
        Vec::new()
    };
    Ok((organisation, affiliations))
}

pub async fn create_organisation(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &OrganisationInput,
) -> Result<OrganisationId, FlowError> {
    policy::check(actor, Action::ManageOrganisations)?;
    let by = signed_in(actor)?.id;
    let fields = input.parse().map_err(FlowError::Invalid)?;
    ctx.store
        .create_organisation(&OrganisationSave {
            fields,
            by,
            at: ctx.now,
        })
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("name", "error-organisation-taken"),
            other => other.into(),
        })
}

pub async fn update_organisation(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: OrganisationId,
    input: &OrganisationInput,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageOrganisations)?;
    let by = signed_in(actor)?.id;
    let fields = input.parse().map_err(FlowError::Invalid)?;
    ctx.store
        .update_organisation(
            id,
            &OrganisationSave {
                fields,
                by,
                at: ctx.now,
            },
        )
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("name", "error-organisation-taken"),
            other => other.into(),
        })
}

/// Affiliates the person with `email` to an organisation.
pub async fn affiliate(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    organisation: OrganisationId,
    email: &str,
    representative: bool,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageOrganisations)?;
    let by = signed_in(actor)?.id;
    let email = crate::kernel::email::EmailAddress::parse(email)
        .map_err(|error| FlowError::Invalid(vec![error]))?;
    let person = match ctx.store.account_by_email(&email).await {
        Ok(person) => person,
        Err(StoreError::NotFound) => return Err(FlowError::field("email", "error-no-such-person")),
        Err(other) => return Err(other.into()),
    };
    ctx.store.organisation(organisation).await?;
    let affiliation = NewAffiliation {
        account: person.id,
        organisation,
        representative,
        by,
        at: ctx.now,
    };
    Ok(ctx.store.affiliate(&affiliation).await?)
}

pub async fn unaffiliate(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    organisation: OrganisationId,
    account: AccountId,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageOrganisations)?;
    let by = signed_in(actor)?.id;
    Ok(ctx
        .store
        .unaffiliate(account, organisation, by, ctx.now)
        .await?)
}

pub async fn create_plan(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &PlanInput,
) -> Result<PlanId, FlowError> {
    policy::check(actor, Action::ManagePlans)?;
    let by = signed_in(actor)?.id;
    let fields = input.parse().map_err(FlowError::Invalid)?;
    ctx.store
        .create_plan(&PlanSave {
            fields,
            by,
            at: ctx.now,
        })
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("name", "error-plan-taken"),
            other => other.into(),
        })
}

/// The membership form: who holds it, on which plan, from when.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct MembershipInput {
    /// `person:<account id>` or `organisation:<organisation id>`.
    pub holder: String,
    pub plan: String,
    pub starts_on: String,
}

/// Opens an active membership, with its first period priced by the plan.
pub async fn create_membership(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &MembershipInput,
) -> Result<MembershipId, FlowError> {
    policy::check(actor, Action::ManageMemberships)?;
    let by = signed_in(actor)?.id;
    let mut errors = Vec::new();
    let holder = keep(&mut errors, parse_holder(&input.holder));
    let plan_id = keep(
        &mut errors,
        input
            .plan
            .trim()
            .parse::<i64>()
            .map(PlanId)
            .map_err(|_| ValidationError::new("plan", "error-plan-choice")),
    );
    let starts_on = keep(
        &mut errors,
        Date::parse(&input.starts_on).map_err(|_| ValidationError::new("starts_on", "error-date")),
    );
    let (Some(holder), Some(plan_id), Some(starts_on)) = (holder, plan_id, starts_on) else {
        return Err(FlowError::Invalid(errors));
    };
    let plan = ctx.store.plan(plan_id).await.map_err(|error| match error {
        StoreError::NotFound => FlowError::field("plan", "error-plan-choice"),
        other => other.into(),
    })?;
    if plan.fields.holder != holder.kind() {
        return Err(FlowError::field("plan", "error-plan-holder"));
    }
    if !ctx.store.membership_policy().await?.allows(holder.kind()) {
        return Err(FlowError::field("holder", "error-policy-forbids"));
    }
    let size = match holder {
        Holder::Organisation(id) => {
            ctx.store
                .organisation(id)
                .await
                .map_err(|_| FlowError::field("holder", "error-holder"))?
                .fields
                .size
        }
        Holder::Person(id) => {
            ctx.store
                .account(id)
                .await
                .map_err(|_| FlowError::field("holder", "error-holder"))?;
            None
        }
    };
    let first_period = NewPeriod {
        starts_on,
        ends_on: starts_on
            .plus_months(plan.fields.period.months())
            .plus_days(-1),
        amount_due: plan.fields.price_for(size),
    };
    let membership = NewMembership {
        holder,
        plan: plan_id,
        status: MembershipStatus::Active,
        first_period,
        by,
        at: ctx.now,
    };
    Ok(ctx.store.create_membership(&membership).await?)
}

fn parse_holder(input: &str) -> Result<Holder, ValidationError> {
    let invalid = || ValidationError::new("holder", "error-holder");
    let (kind, id) = input.trim().split_once(':').ok_or_else(invalid)?;
    let id = id.parse::<i64>().map_err(|_| invalid())?;
    match HolderKind::parse(kind).map_err(|_| invalid())? {
        HolderKind::Person => Ok(Holder::Person(AccountId(id))),
        HolderKind::Organisation => Ok(Holder::Organisation(OrganisationId(id))),
    }
}

/// A membership, to those it concerns and to the staff; to anyone else it
/// does not exist.
pub async fn view_membership(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: MembershipId,
) -> Result<Membership, FlowError> {
    let hidden = |denial| match denial {
        Denial::Hidden => FlowError::NotFound,
        other => FlowError::Denied(other),
    };
    let Some(account) = actor.account() else {
        return Err(FlowError::NotFound);
    };
    let membership = ctx.store.membership(id).await?;
    let concerned = match membership.holder {
        Holder::Person(holder) => holder == account.id,
        Holder::Organisation(organisation) => ctx
            .store
            .affiliations_of_person(account.id)
            .await?
            .iter()
            .any(|a| a.organisation == organisation),
    };
    policy::check(actor, Action::ViewMembership { concerned }).map_err(hidden)?;
    Ok(membership)
}

/// How many memberships a page of the list shows.
pub const MEMBERSHIPS_PAGE_SIZE: u32 = 50;

/// How many people, and how many organisations, the staff's picker of a new
/// membership's holder offers at most.
pub const HOLDER_CANDIDATES: u32 = 100;

/// A page of the memberships, newest first, for the staff.
pub async fn memberships(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    page: PageNumber,
) -> Result<ListPage<Membership>, FlowError> {
    policy::check(actor, Action::ViewRegister)?;
    let list = ctx
        .store
        .newest_memberships(page.offset(MEMBERSHIPS_PAGE_SIZE), MEMBERSHIPS_PAGE_SIZE)
        .await?;
    Ok(ListPage::new(
        list,
        String::new(),
        page,
        MEMBERSHIPS_PAGE_SIZE,
    ))
}

/// Who a new membership may be for, as the staff's picker offers them: the
/// first people and organisations by name whose name contains `words`
/// (everyone when empty), a bounded number of each however large the
/// register, with their names.
pub async fn holder_candidates(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    words: &str,
) -> Result<Vec<(Holder, String)>, FlowError> {
    policy::check(actor, Action::ManageMemberships)?;
    let words = crate::register::people::text(words, 100, "holder_q")
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    let people = ctx
        .store
        .find_people(&NameSearch {
            words: words.clone(),
            offset: 0,
            limit: HOLDER_CANDIDATES,
        })
        .await?
        .items
        .into_iter()
        .map(|p| {
            (
                Holder::Person(p.account),
                p.display_name.as_str().to_owned(),
            )
        });
    let organisations = ctx
        .store
        .find_organisations(&NameSearch {
            words,
            offset: 0,
            limit: HOLDER_CANDIDATES,
        })
        .await?
        .items
        .into_iter()
        .map(|o| {
            (
                Holder::Organisation(o.id),
                o.fields.name.as_str().to_owned(),
            )
        });
    Ok(people.chain(organisations).collect())
}

/// The payment form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PaymentInput {
    pub period: String,
    pub amount: String,
    pub paid_on: String,
    pub method: String,
    #[serde(default)]
    pub reference: String,
}

pub async fn record_payment(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    membership: MembershipId,
    input: &PaymentInput,
) -> Result<PaymentId, FlowError> {
    policy::check(actor, Action::RecordPayment)?;
    let by = signed_in(actor)?.id;
    let mut errors = Vec::new();
    let period = keep(
        &mut errors,
        input
            .period
            .trim()
            .parse::<i64>()
            .map(PeriodId)
            .map_err(|_| ValidationError::new("period", "error-period-choice")),
    );
    let amount = keep(&mut errors, Amount::parse(&input.amount));
    let paid_on = keep(
        &mut errors,
        Date::parse(&input.paid_on).map_err(|_| ValidationError::new("paid_on", "error-date")),
    );
    let method = keep(&mut errors, PaymentMethod::parse(&input.method));
    let reference = keep(
        &mut errors,
        crate::register::people::text(&input.reference, 120, "reference"),
    );
    let (Some(period), Some(amount), Some(paid_on), Some(method), Some(reference)) =
        (period, amount, paid_on, method, reference)
    else {
        return Err(FlowError::Invalid(errors));
    };
    if amount.0 == 0 {
        return Err(FlowError::field("amount", "error-amount"));
    }
    let payment = NewPayment {
        membership,
        period,
        amount,
        paid_on,
        method,
        reference,
        by,
        at: ctx.now,
    };
    ctx.store
        .record_payment(&payment)
        .await
        .map_err(|error| match error {
            StoreError::NotFound => FlowError::field("period", "error-period-choice"),
            other => other.into(),
        })
}

/// Adds the period that follows the last one, priced by the plan.
pub async fn renew(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: MembershipId,
) -> Result<PeriodId, FlowError> {
    policy::check(actor, Action::ManageMemberships)?;
    let by = signed_in(actor)?.id;
    let membership = ctx.store.membership(id).await?;
    let plan = ctx.store.plan(membership.plan).await?;
    let size = match membership.holder {
        Holder::Organisation(organisation) => {
            ctx.store.organisation(organisation).await?.fields.size
        }
        Holder::Person(_) => None,
    };
    let (starts_on, ends_on, amount_due) = membership.next_period(&plan.fields, size, ctx.today());
    Ok(ctx
        .store
        .add_period(
            id,
            &NewPeriod {
                starts_on,
                ends_on,
                amount_due,
            },
            by,
            ctx.now,
        )
        .await?)
}

pub async fn set_status(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: MembershipId,
    status: &str,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageMemberships)?;
    let by = signed_in(actor)?.id;
    let status =
        MembershipStatus::parse(status).map_err(|error| FlowError::Invalid(vec![error]))?;
    ctx.store.membership(id).await?;
    Ok(ctx
        .store
        .set_membership_status(&StatusChange {
            membership: id,
            status,
            by: Some(by),
            at: ctx.now,
        })
        .await?)
}

/// Whether `account` is an adherent on `today`, and why, in `language`.
/// Every rule that asks "adherent?" asks this.
pub async fn adherence_of(
    ctx: &Context<'_, dyn Storage>,
    account: &Account,
    language: Language,
) -> Result<Adherence, StoreError> {
    Ok(HeldMemberships::of(ctx, account.id).await?.adherence(
        account.display_name.as_str(),
        ctx.today(),
        language,
    ))
}

/// The memberships a person holds, and those of each organisation they are
/// affiliated to: read once for every question a page asks of them.
#[derive(Debug, Clone, Default)]
pub struct HeldMemberships {
    pub own: Vec<Membership>,
    /// Each affiliation's organisation's memberships, in affiliation order.
    pub through: Vec<(Affiliation, Vec<Membership>)>,
}

impl HeldMemberships {
    pub async fn of(
        ctx: &Context<'_, dyn Storage>,
        account: AccountId,
    ) -> Result<Self, StoreError> {
        let own = ctx
            .store
            .memberships_held_by(Holder::Person(account))
            .await?;
        let mut through = Vec::new();
        for affiliation in ctx.store.affiliations_of_person(account).await? {
            let held = ctx
                .store
                .memberships_held_by(Holder::Organisation(affiliation.organisation))
                .await?;
            through.push((affiliation, held));
        }
        Ok(Self { own, through })
    }

    /// The organisations' memberships, one after the other.
    pub fn through_organisations(&self) -> Vec<Membership> {
        self.through
            .iter()
            .flat_map(|(_, held)| held.iter().cloned())
            .collect()
    }

    pub fn adherence(&self, person: &str, today: Date, language: Language) -> Adherence {
        adherence(
            person,
            &self.own,
            &self.through_organisations(),
            today,
            language,
        )
    }
}

/// The employer as a line of text.
pub fn employer_label(employer: &Employer) -> Option<&str> {
    match employer {
        Employer::None => None,
        Employer::Organisation(_, name) => Some(name),
        Employer::Other(name) => Some(name),
    }
}

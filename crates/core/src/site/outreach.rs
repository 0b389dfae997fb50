//! The public site's flows (seeds 000 and 001, "Reaching out"): what each
//! public page shows, the administrators' editing, and the adopters' "ask
//! to be listed" with its moderation.

use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::admission::store::Contributor;
use crate::communities::community::{Community, CommunityKind};
use crate::communities::flows::{hidden, seen_by};
use crate::communities::store::CommunityListing;
use crate::communities::store::ListingOrder;
use crate::kernel::association::Language;
use crate::kernel::flow::Context;
use crate::kernel::image::{Image, Upload};
use crate::kernel::store::StoreError;
use crate::register::dues::{Holder, MembershipPolicy, MembershipStatus};
use crate::register::people::{Organisation, OrganisationCategory, OrganisationId};
use crate::site::pages::{
    AdopterId, AdopterInput, AdopterStatus, AdopterVerdict, Bilingual, Entry, EntryId, EntryInput,
    HelpKind, ImageId, Section, SiteSettings, SiteSettingsInput, Tag,
};
use crate::site::store::AdopterDecision;
use crate::site::store::AdopterSubmission;
use crate::site::store::EntryDeletion;
use crate::site::store::EntrySave;
use crate::site::store::LogoChange;
use crate::site::store::ShowcaseChange;
use crate::site::store::SiteSettingsSave;
use crate::site::store::Storage;
use crate::site::store::StoredImage;

/// What the public home page shows.
#[derive(Debug, Clone)]
pub struct HomeContent {
    pub settings: SiteSettings,
    /// "Ways to get involved".
    pub cards: Vec<Entry>,
    /// Highlights from today on, soonest first.
    pub highlights: Vec<Entry>,
    /// The public communities and working groups with the most members,
    /// [`HOME_COMMUNITIES`] at most.
    pub communities: Vec<Community>,
}

pub async fn home(ctx: &Context<'_, dyn Storage>) -> Result<HomeContent, FlowError> {
    let today = ctx.today();
    let mut highlights: Vec<Entry> = ctx
        .store
        .site_entries(Section::Highlights)
        .await?
        .into_iter()
        .filter(|e| e.fields.starts_on.is_some_and(|day| day >= today))
        .collect();
    highlights.sort_by_key(|e| (e.fields.starts_on, e.fields.position, e.id));
    let communities = public_communities(
        ctx,
        vec![CommunityKind::Community, CommunityKind::WorkingGroup],
        ListingOrder::MostMembers,
        HOME_COMMUNITIES,
    )
    .await?;
    Ok(HomeContent {
        settings: ctx.store.site_settings().await?,
        cards: ctx.store.site_entries(Section::Cards).await?,
        highlights,
        communities,
    })
}

/// How many communities the home page shows; the directory has them all.
pub const HOME_COMMUNITIES: u32 = 12;

/// Governing bodies are a handful; the bound keeps the page's cost fixed.
const GOVERNING_BODIES: u32 = 100;

/// The communities everyone may see, of the given kinds: the public pages
/// show the same to a visitor and to a member, so they list what the policy
/// module shows a visitor.
async fn public_communities(
    ctx: &Context<'_, dyn Storage>,
    kinds: Vec<CommunityKind>,
    order: ListingOrder,
    limit: u32,
) -> Result<Vec<Community>, FlowError> {
    Ok(ctx
        .store
        .list_communities(&CommunityListing {
            seen: seen_by(Actor::Anonymous),
            kinds,
            theme: None,
            words: Vec::new(),
            open_to: None,
            order,
            limit,
            offset: 0,
        })
        .await?
        .communities)
}

/// "How we work": the rules, who may become a member, the licence, the code
/// of conduct and the Chatham House Rule (seed 000).
#[derive(Debug, Clone)]
pub struct HowWeWork {
    pub settings: SiteSettings,
    pub policy: MembershipPolicy,
}

pub async fn how_we_work(ctx: &Context<'_, dyn Storage>) -> Result<HowWeWork, FlowError> {
    Ok(HowWeWork {
        settings: ctx.store.site_settings().await?,
        policy: ctx.store.membership_policy().await?,
    })
}

/// A governing body with its members, by position.
#[derive(Debug, Clone)]
pub struct Body {
    pub body: Entry,
    pub members: Vec<Entry>,
}

#[derive(Debug, Clone)]
pub struct Governance {
    pub bodies: Vec<Body>,
    /// The public communities of the governing kind, which have their own pages.
    pub communities: Vec<Community>,
}

pub async fn governance(ctx: &Context<'_, dyn Storage>) -> Result<Governance, FlowError> {
    let members = ctx.store.site_entries(Section::Members).await?;
    let bodies = ctx
        .store
        .site_entries(Section::Bodies)
        .await?
        .into_iter()
        .map(|body| Body {
            members: members
                .iter()
                .filter(|m| m.fields.parent == Some(body.id))
                .cloned()
                .collect(),
            body,
        })
        .collect();
    let communities = public_communities(
        ctx,
        vec![CommunityKind::GoverningBody],
        ListingOrder::Name,
        GOVERNING_BODIES,
    )
    .await?;
    Ok(Governance {
        bodies,
        communities,
    })
}

/// An adopter as a card of "who uses it".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdopterCard {
    pub name: String,
    pub text: Bilingual,
    pub link: Option<String>,
    pub logo: Option<ImageId>,
}

/// "Who uses it" (seed 001): the approved adopters and the member
/// organisations that agreed to be shown, grouped by category.
#[derive(Debug, Clone)]
pub struct Showcase {
    /// In the order of [`OrganisationCategory::ALL`], empty ones left out;
    /// each by name.
    pub groups: Vec<(OrganisationCategory, Vec<AdopterCard>)>,
    /// The organisations the actor represents, with whether they are shown.
    pub represented: Vec<(Organisation, bool)>,
}

pub async fn showcase(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Showcase, FlowError> {
    let mut cards: Vec<(OrganisationCategory, AdopterCard)> = ctx
        .store
        .adopters(AdopterStatus::Approved)
        .await?
        .into_iter()
        .map(|a| {
            (
                a.fields.category,
                AdopterCard {
                    name: a.fields.name.as_str().to_owned(),
                    text: a.fields.text,
                    link: a.fields.link.map(|l| l.as_str().to_owned()),
                    logo: a.logo,
                },
            )
        })
        .collect();
    let shown = ctx.store.shown_organisations().await?;
    for organisation in &shown {
        if is_member(ctx, organisation.id).await? {
            let fields = &organisation.fields;
            cards.push((
                fields.category,
                AdopterCard {
                    name: fields.name.as_str().to_owned(),
                    text: Bilingual::new(fields.description.clone(), ""),
                    link: fields.website.as_ref().map(|w| w.as_str().to_owned()),
                    logo: None,
                },
            ));
        }
    }
    let groups = OrganisationCategory::ALL
        .into_iter()
        .filter_map(|category| {
            let mut group: Vec<AdopterCard> = cards
                .iter()
                .filter(|(c, _)| *c == category)
                .map(|(_, card)| card.clone())
                .collect();
            group.sort_by_key(|card| card.name.to_lowercase());
            (!group.is_empty()).then_some((category, group))
        })
        .collect();
    let mut represented = Vec::new();
    if let Some(account) = actor.account() {
        for affiliation in ctx.store.affiliations_of_person(account.id).await? {
            if affiliation.representative {
                let organisation = ctx.store.organisation(affiliation.organisation).await?;
                let on = shown.iter().any(|o| o.id == organisation.id);
                represented.push((organisation, on));
            }
        }
    }
    Ok(Showcase {
        groups,
        represented,
    })
}

/// Whether the organisation holds an active membership: only members are
/// shown as member organisations.
async fn is_member(
    ctx: &Context<'_, dyn Storage>,
    organisation: OrganisationId,
) -> Result<bool, StoreError> {
    Ok(ctx
        .store
        .memberships_held_by(Holder::Organisation(organisation))
        .await?
        .iter()
        .any(|m| m.status == MembershipStatus::Active))
}

/// "Who develops": the people administrators list, and the recorded
/// contributors the actor may know of.
#[derive(Debug, Clone)]
pub struct Developers {
    pub settings: SiteSettings,
    pub listed: Vec<Entry>,
    /// Contributors whose profile the actor may see, the most recent first.
    pub contributors: Vec<Contributor>,
    /// How many other people contributed: their names are theirs to show.
    pub others: usize,
}

pub async fn developers(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Developers, FlowError> {
    let me = actor.account().map(|a| a.id);
    let mut contributors = Vec::new();
    let mut others = 0;
    for contributor in ctx.store.contributors().await? {
        let own = Some(contributor.account) == me;
        let profile = |public| Action::ViewProfile { own, public };
        // A visitor may see no profile at all: no need to look theirs up.
        let public = policy::check(actor, profile(true)).is_ok()
            && ctx.store.profile(contributor.account).await?.details.public;
        if policy::check(actor, profile(public)).is_ok() {
            contributors.push(contributor);
        } else {
            others += 1;
        }
    }
    Ok(Developers {
        settings: ctx.store.site_settings().await?,
        listed: ctx.store.site_entries(Section::Contributors).await?,
        contributors,
        others,
    })
}

/// "How to get help" (seed 001).
#[derive(Debug, Clone)]
pub struct Help {
    pub settings: SiteSettings,
    /// Chat rooms and forums.
    pub channels: Vec<Entry>,
    pub mailing_lists: Vec<Entry>,
}

pub async fn help(ctx: &Context<'_, dyn Storage>) -> Result<Help, FlowError> {
    let (mailing_lists, channels) = ctx
        .store
        .site_entries(Section::Help)
        .await?
        .into_iter()
        .partition(|e| e.fields.tag == Tag::Help(HelpKind::MailingList));
    Ok(Help {
        settings: ctx.store.site_settings().await?,
        channels,
        mailing_lists,
    })
}

/// The settings, for the administrators' form.
pub async fn settings(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<SiteSettings, FlowError> {
    policy::check(actor, Action::ManageSite)?;
    Ok(ctx.store.site_settings().await?)
}

pub async fn save_settings(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &SiteSettingsInput,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageSite)?;
    let by = signed_in(actor)?.id;
    let settings = input.parse().map_err(FlowError::Invalid)?;
    Ok(ctx
        .store
        .save_site_settings(&SiteSettingsSave {
            settings,
            by,
            at: ctx.now,
        })
        .await?)
}

/// Replaces the association's logo with an uploaded image.
pub async fn set_logo(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    upload: &Upload,
) -> Result<ImageId, FlowError> {
    policy::check(actor, Action::ManageSite)?;
    let by = signed_in(actor)?.id;
    let image = Image::parse("logo", upload).map_err(|e| FlowError::Invalid(vec![e]))?;
    Ok(ctx
        .store
        .set_site_logo(&LogoChange {
            image,
            by,
            at: ctx.now,
        })
        .await?)
}

/// A section's entries for its editing page.
#[derive(Debug, Clone)]
pub struct SectionView {
    pub entries: Vec<Entry>,
    /// On the bodies' page: every member, for each body's list.
    pub members: Vec<Entry>,
}

pub async fn section(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    section: Section,
) -> Result<SectionView, FlowError> {
    policy::check(actor, Action::ManageSite)?;
    let section = section.page();
    Ok(SectionView {
        entries: ctx.store.site_entries(section).await?,
        members: if section == Section::Bodies {
            ctx.store.site_entries(Section::Members).await?
        } else {
            Vec::new()
        },
    })
}

pub async fn create_entry(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    section: Section,
    input: &EntryInput,
) -> Result<EntryId, FlowError> {
    policy::check(actor, Action::ManageSite)?;
    let by = signed_in(actor)?.id;
    let fields = input.parse(section).map_err(FlowError::Invalid)?;
    ctx.store
        .create_site_entry(&EntrySave {
            fields,
            by,
            at: ctx.now,
        })
        .await
        .map_err(unknown_body)
}

pub async fn update_entry(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    (section, id): (Section, EntryId),
    input: &EntryInput,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageSite)?;
    let by = signed_in(actor)?.id;
    if !ctx
        .store
        .site_entries(section)
        .await?
        .iter()
        .any(|e| e.id == id)
    {
        return Err(FlowError::NotFound);
    }
    let fields = input.parse(section).map_err(FlowError::Invalid)?;
    ctx.store
        .update_site_entry(
            id,
            &EntrySave {
                fields,
                by,
                at: ctx.now,
            },
        )
        .await
        .map_err(unknown_body)
}

/// The entry exists (it was looked up first), so a missing row is the body
/// a member was put on.
fn unknown_body(error: StoreError) -> FlowError {
    match error {
        StoreError::NotFound => FlowError::field("parent", "error-site-parent"),
        other => other.into(),
    }
}

pub async fn delete_entry(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    (section, entry): (Section, EntryId),
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageSite)?;
    let by = signed_in(actor)?.id;
    Ok(ctx
        .store
        .delete_site_entry(&EntryDeletion {
            section,
            entry,
            by,
            at: ctx.now,
        })
        .await?)
}

/// Asks for an organisation to be listed among the adopters; no account is
/// needed. The submission waits for a moderator and is shown nowhere before.
pub async fn submit_adopter(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    (input, logo): (&AdopterInput, Option<&Upload>),
    language: Language,
) -> Result<AdopterId, FlowError> {
    policy::check(actor, Action::SubmitAdopter)?;
    let fields = input.parse(language);
    let logo = logo.map(|upload| Image::parse("logo", upload)).transpose();
    match (fields, logo) {
        (Ok(fields), Ok(logo)) => Ok(ctx
            .store
            .submit_adopter(&AdopterSubmission {
                fields,
                logo,
                at: ctx.now,
            })
            .await?),
        (fields, logo) => {
            let mut errors = fields.err().unwrap_or_default();
            errors.extend(logo.err());
            Err(FlowError::Invalid(errors))
        }
    }
}

/// What the moderators look at.
#[derive(Debug, Clone)]
pub struct Moderation {
    /// Oldest first.
    pub pending: Vec<crate::site::pages::Adopter>,
    pub approved: Vec<crate::site::pages::Adopter>,
    /// For those who manage the register: every organisation, with whether
    /// it agreed to be shown.
    pub organisations: Option<Vec<(Organisation, bool)>>,
}

pub async fn moderation(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Moderation, FlowError> {
    policy::check(actor, Action::ModerateAdopters)?;
    let mut pending = ctx.store.adopters(AdopterStatus::Pending).await?;
    pending.sort_by_key(|a| (a.submitted_at, a.id));
    let organisations = if policy::check(
        actor,
        Action::ShowOrganisation {
            representative: false,
        },
    )
    .is_ok()
    {
        let shown = ctx.store.shown_organisations().await?;
        Some(
            ctx.store
                .organisations()
                .await?
                .into_iter()
                .map(|o| {
                    let on = shown.iter().any(|s| s.id == o.id);
                    (o, on)
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(Moderation {
        pending,
        approved: ctx.store.adopters(AdopterStatus::Approved).await?,
        organisations,
    })
}

pub async fn decide_adopter(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    adopter: AdopterId,
    verdict: &str,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ModerateAdopters)?;
    let by = signed_in(actor)?.id;
    let verdict = AdopterVerdict::parse(verdict).map_err(|e| FlowError::Invalid(vec![e]))?;
    Ok(ctx
        .store
        .decide_adopter(&AdopterDecision {
            adopter,
            verdict,
            by,
            at: ctx.now,
        })
        .await?)
}

/// Shows a member organisation among the adopters, or no longer: for its
/// representative, and for those who manage the register on its behalf.
pub async fn show_organisation(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    organisation: OrganisationId,
    shown: bool,
) -> Result<(), FlowError> {
    let account = signed_in(actor)?;
    let representative = ctx
        .store
        .affiliations_of_person(account.id)
        .await?
        .iter()
        .any(|a| a.organisation == organisation && a.representative);
    policy::check(actor, Action::ShowOrganisation { representative }).map_err(hidden)?;
    Ok(ctx
        .store
        .set_organisation_shown(&ShowcaseChange {
            organisation,
            shown,
            by: account.id,
            at: ctx.now,
        })
        .await?)
}

/// An uploaded image, if the actor may see it: a submission's logo waits
/// for the moderators like the rest of it.
pub async fn image(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: ImageId,
) -> Result<StoredImage, FlowError> {
    let image = ctx.store.site_image(id).await?;
    policy::check(
        actor,
        Action::ViewSiteImage {
            public: image.public,
        },
    )
    .map_err(hidden)?;
    Ok(image)
}

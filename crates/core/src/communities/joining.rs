//! The ways into a community beyond a plain request (seed 002 and the
//! associations that co-opt or interview): members vouching for a request,
//! the interview of an applicant, and invitations by email.

use crate::accounts::account::Account;
use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::accounts::secret::{Secret, TokenHash};
use crate::communities::community::{
    AccessPolicy, Community, Engagement, INVITATION_LIFETIME, Invitation, InvitationId,
    JoinRequest, JoinRequestId, RequestStatus, check_eligibility,
};
use crate::communities::flows::{
    self as communities, CommunityView, JoinOutcome, acceptance, accepted_charter, announcements,
    hidden, job, refuse_excluded,
};
use crate::communities::store::InterviewRecord;
use crate::communities::store::InvitationUse;
use crate::communities::store::NewCommunityMember;
use crate::communities::store::NewInvitation;
use crate::communities::store::Storage;
use crate::communities::store::Vouch;
use crate::communities::store::VouchOutcome;
use crate::kernel::date::Date;
use crate::kernel::email::EmailAddress;
use crate::kernel::flow::Context;
use crate::kernel::i18n::text_with;
use crate::kernel::mail::{InvitationEmail, Sender};
use crate::kernel::store::StoreError;

/// A member of a co-opting community vouches for a pending request; the
/// last vouch needed makes the requester a member.
pub async fn vouch(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: JoinRequestId,
) -> Result<(Community, VouchOutcome), FlowError> {
    let by = signed_in(actor)?;
    let (view, request) = request_and_view(ctx, actor, id).await?;
    let member = view.me.is_some() && view.lapsed.is_empty();
    policy::check(actor, Action::VouchForRequest { member }).map_err(hidden)?;
    let community = &view.community;
    if community.fields.access != AccessPolicy::Cooptation {
        return Err(FlowError::field("vouch", "error-not-cooptation"));
    }
    if request.status != RequestStatus::Pending {
        return Err(FlowError::field("vouch", "error-request-decided"));
    }
    if request.vouchers.iter().any(|v| v.account == by.id) {
        return Err(FlowError::field("vouch", "error-already-vouched"));
    }
    let requester = ctx.store.account(request.account).await?;
    let mut names: Vec<&str> = request
        .vouchers
        .iter()
        .map(|v| v.display_name.as_str())
        .collect();
    names.push(by.display_name.as_str());
    let message = text_with(
        requester.language,
        "cooptation-message",
        &[("names", &names.join(", "))],
    );
    let outcome = ctx
        .store
        .vouch_for_request(&Vouch {
            request: id,
            by: by.id,
            required: community.fields.vouches_required,
            acceptance: acceptance(ctx, &view, &request, message, by.id).await?,
            at: ctx.now,
        })
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("vouch", "error-already-vouched"),
            other => other.into(),
        })?;
    Ok((view.community, outcome))
}

/// Under co-optation, the pending requests the community's active members
/// may vouch for; `None` for anyone else or another policy.
pub async fn cooptation_queue(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    view: &CommunityView,
) -> Result<Option<Vec<JoinRequest>>, FlowError> {
    let member = view.me.is_some() && view.lapsed.is_empty();
    if view.community.fields.access != AccessPolicy::Cooptation
        || policy::check(actor, Action::VouchForRequest { member }).is_err()
    {
        return Ok(None);
    }
    Ok(Some(
        ctx.store.pending_join_requests(view.community.id).await?,
    ))
}

/// The interview form: the day it was held and the reviewer's notes.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct InterviewInput {
    pub held_on: String,
    #[serde(default)]
    pub notes: String,
}

/// A reviewer records the interview of an applicant, the step before an
/// application may be accepted.
pub async fn record_interview(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: JoinRequestId,
    input: &InterviewInput,
) -> Result<Community, FlowError> {
    let by = signed_in(actor)?.id;
    let (view, request) = request_and_view(ctx, actor, id).await?;
    policy::check(
        actor,
        Action::ReviewJoinRequests {
            reviewer: view.reviewer,
        },
    )
    .map_err(hidden)?;
    if view.community.fields.access != AccessPolicy::Application {
        return Err(FlowError::field("held_on", "error-not-application"));
    }
    if request.status != RequestStatus::Pending {
        return Err(FlowError::field("held_on", "error-request-decided"));
    }
    let held_on = Date::parse(&input.held_on)
        .map_err(|_| FlowError::field("held_on", "error-interview-date"))?;
    let today = ctx.today();
    if held_on.days_until(today) < 0 {
        return Err(FlowError::field("held_on", "error-interview-future"));
    }
    let notes = crate::register::people::text(&input.notes, 10_000, "notes")
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    ctx.store
        .record_interview(&InterviewRecord {
            request: id,
            held_on,
            notes,
            by,
            at: ctx.now,
        })
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("held_on", "error-request-decided"),
            other => other.into(),
        })?;
    Ok(view.community)
}

/// The community a join request is for, when the actor may see it; an
/// unknown request, or one of a community the actor may not see, is not
/// found. The pages go back to it after a refused form.
pub async fn request_community(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: JoinRequestId,
) -> Result<Community, FlowError> {
    Ok(request_and_view(ctx, actor, id).await?.0.community)
}

/// A request and its community's page as the actor sees it; an unknown
/// request, or one of a community the actor may not see, is not found.
async fn request_and_view(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: JoinRequestId,
) -> Result<(CommunityView, JoinRequest), FlowError> {
    let request = ctx.store.join_request(id).await?;
    let community = ctx.store.community(request.community).await?;
    let view = communities::view(ctx, actor, community.fields.slug.as_str()).await?;
    Ok((view, request))
}

/// The invitation form: whom to invite, by email.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct InvitationInput {
    pub email: String,
}

/// Invites someone by email: the link, valid for two weeks and once, lets
/// them join without a request. For those who may review, and administrators.
pub async fn invite(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    input: &InvitationInput,
) -> Result<InvitationId, FlowError> {
    let inviter = signed_in(actor)?;
    let view = communities::view(ctx, actor, slug).await?;
    policy::check(
        actor,
        Action::InviteToCommunity {
            reviewer: view.reviewer,
        },
    )
    .map_err(hidden)?;
    let email = EmailAddress::parse(&input.email).map_err(|e| FlowError::Invalid(vec![e]))?;
    let invitee = match ctx.store.account_by_email(&email).await {
        Ok(account) => Some(account),
        Err(StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    if let Some(invitee) = &invitee
        && ctx
            .store
            .community_member(view.community.id, invitee.id)
            .await?
            .is_some()
    {
        return Err(FlowError::field("email", "error-already-member-invited"));
    }
    let secret = Secret::generate();
    let expires_at = ctx.now.plus(INVITATION_LIFETIME);
    let language = invitee.as_ref().map_or(inviter.language, |a| a.language);
    let sender = Sender {
        association: &ctx.association,
        language,
    };
    let link = format!("{}/invitations/{}", ctx.base_url, secret.expose());
    let expires = Date::of(expires_at).long(language);
    let notice = sender.invitation(
        &email,
        &InvitationEmail {
            community: &view.community.fields.name,
            inviter: inviter.display_name.as_str(),
            link: &link,
            expires: &expires,
        },
    );
    let token = secret.hash();
    let key = format!("email:invitation:{}", token.as_str());
    Ok(ctx
        .store
        .create_invitation(&NewInvitation {
            community: view.community.id,
            email,
            token,
            expires_at,
            notice: job(key, notice, ctx.now),
            by: inviter.id,
            at: ctx.now,
        })
        .await?)
}

/// The invitations of a community still waiting to be used, for those who
/// may invite; `None` for anyone else.
pub async fn open_invitations(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    view: &CommunityView,
) -> Result<Option<Vec<Invitation>>, FlowError> {
    let may = Action::InviteToCommunity {
        reviewer: view.reviewer,
    };
    if policy::check(actor, may).is_err() {
        return Ok(None);
    }
    Ok(Some(ctx.store.open_invitations(view.community.id).await?))
}

/// Revokes an invitation that was not used yet.
pub async fn revoke_invitation(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    slug: &str,
    id: InvitationId,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    let view = communities::view(ctx, actor, slug).await?;
    policy::check(
        actor,
        Action::InviteToCommunity {
            reviewer: view.reviewer,
        },
    )
    .map_err(hidden)?;
    Ok(ctx
        .store
        .revoke_invitation(view.community.id, id, by, ctx.now)
        .await?)
}

/// What the holder of an invitation link sees.
#[derive(Debug, Clone)]
pub struct InvitationView {
    pub invitation: Invitation,
    pub community: Community,
    /// The charter the invitee accepts on joining, as `(version, text)`.
    pub charter: Option<(i64, String)>,
    pub state: InvitationState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    Open,
    Used,
    Revoked,
    Expired,
}

/// Whoever holds the link may read the invitation, even for a secret
/// community: the link is the secret. An unknown link is not found.
pub async fn invitation(
    ctx: &Context<'_, dyn Storage>,
    token: &str,
) -> Result<InvitationView, FlowError> {
    let invitation = ctx.store.invitation_by_token(&TokenHash::of(token)).await?;
    let community = ctx.store.community(invitation.community).await?;
    let charter = ctx
        .store
        .charter(community.id)
        .await?
        .map(|c| (c.version, c.text));
    let state = if invitation.used_at.is_some() {
        InvitationState::Used
    } else if invitation.revoked {
        InvitationState::Revoked
    } else if !invitation.is_open(ctx.now) {
        InvitationState::Expired
    } else {
        InvitationState::Open
    };
    Ok(InvitationView {
        invitation,
        community,
        charter,
        state,
    })
}

/// The form that takes an invitation up.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AcceptInvitationInput {
    #[serde(default)]
    pub engagement: String,
    #[serde(default)]
    pub charter_version: String,
    #[serde(default)]
    pub accept_charter: Option<String>,
}

/// Joins through an invitation: the signed-in person must be the one
/// invited (by email address), the link still open, the eligibility rules met
/// and the charter accepted.
pub async fn accept_invitation(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    token: &str,
    input: &AcceptInvitationInput,
) -> Result<(Community, JoinOutcome), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?;
    let found = invitation(ctx, token).await?;
    if found.state != InvitationState::Open {
        return Err(FlowError::field("invitation", "error-invitation-closed"));
    }
    if found.invitation.email != account.email {
        return Err(FlowError::field("invitation", "error-invitation-other"));
    }
    let community = found.community;
    refuse_excluded(ctx, community.id, account.id).await?;
    let view = invitee_view(ctx, &community, account).await?;
    if view.me.is_some() {
        return Err(FlowError::field("invitation", "error-already-member"));
    }
    let charter_version = accepted_charter(
        &view,
        &input.charter_version,
        input.accept_charter.as_deref(),
    )?;
    let engagement = match input.engagement.trim() {
        "" => Engagement::default(),
        value => Engagement::parse(value).map_err(|e| FlowError::Invalid(vec![e]))?,
    };
    let facts = communities::eligibility_facts(ctx, account).await?;
    if let Err(reasons) = check_eligibility(&community.fields.eligibility, &facts, account.language)
    {
        return Ok((community, JoinOutcome::Ineligible(reasons)));
    }
    let member = NewCommunityMember {
        community: community.id,
        account: account.id,
        role: "member".to_owned(),
        engagement,
        charter_version,
        announcements: announcements(ctx, &view, account).await?,
        by: account.id,
        at: ctx.now,
    };
    ctx.store
        .use_invitation(&InvitationUse {
            invitation: found.invitation.id,
            member,
        })
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("invitation", "error-invitation-closed"),
            other => other.into(),
        })?;
    Ok((community, JoinOutcome::Joined))
}

/// The community as the flows need it for an invitee who may not see it
/// yet (a secret community): their place in it, if any, and its charter.
/// Nothing of it is shown beyond what the invitation page shows.
async fn invitee_view(
    ctx: &Context<'_, dyn Storage>,
    community: &Community,
    account: &Account,
) -> Result<CommunityView, FlowError> {
    Ok(CommunityView {
        community: community.clone(),
        roles: Vec::new(),
        members_visible: false,
        referents: Vec::new(),
        me: ctx.store.community_member(community.id, account.id).await?,
        lapsed: Vec::new(),
        pending: None,
        reviewer: false,
        moderator: false,
        charter: ctx.store.charter(community.id).await?,
        must_accept_charter: false,
    })
}

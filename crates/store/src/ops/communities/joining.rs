//! The ways in beyond a plain request: co-optation by vouches, applications
//! with an interview, and invitations by email.

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::audit::AuditAction;
use cercle_core::accounts::secret::TokenHash;
use cercle_core::communities::community::{
    CommunityId, Invitation, InvitationId, JoinRequestId, RequestStatus, Voucher,
};
use cercle_core::communities::store::InterviewRecord;
use cercle_core::communities::store::InvitationUse;
use cercle_core::communities::store::NewInvitation;
use cercle_core::communities::store::Vouch;
use cercle_core::communities::store::VouchOutcome;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;

use crate::ops::communities::{
    add_community_member, decide_join_request, member_audit, request_audit,
};
use crate::ops::kernel::enqueue;
use crate::ops::{Audit, audit, changed, decode, one};
use crate::sql::{Row, Sql};

/// The members who vouched for a request, in the order they did.
pub(crate) async fn vouchers(db: &impl Sql, request: JoinRequestId) -> StoreResult<Vec<Voucher>> {
    db.query(
        "SELECT v.voucher_id, a.display_name FROM join_request_vouches v \
         JOIN accounts a ON a.id = v.voucher_id \
         WHERE v.request_id = $1 ORDER BY v.vouched_at, v.voucher_id",
        &[request.0.into()],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(Voucher {
            account: AccountId(row.int(0)?),
            display_name: row.text(1)?,
        })
    })
    .collect()
}

/// The pending status is checked inside the transaction, so that a vouch
/// after the decision is refused rather than counted.
pub(crate) async fn vouch_for_request(db: &impl Sql, vouch: &Vouch) -> StoreResult<VouchOutcome> {
    let pending = one(
        db,
        "SELECT status FROM join_requests WHERE id = $1",
        &[vouch.request.0.into()],
    )
    .await?;
    if pending.text(0)? != RequestStatus::Pending.as_str() {
        return Err(StoreError::Conflict);
    }
    db.execute(
        "INSERT INTO join_request_vouches (request_id, voucher_id, vouched_at) VALUES ($1, $2, $3)",
        &[vouch.request.0.into(), vouch.by.0.into(), vouch.at.0.into()],
    )
    .await?;
    audit(
        db,
        request_audit(vouch.request, vouch.by, vouch.at, AuditAction::JoinVouched),
    )
    .await?;
    let count = one(
        db,
        "SELECT COUNT(*) FROM join_request_vouches WHERE request_id = $1",
        &[vouch.request.0.into()],
    )
    .await?
    .int(0)?;
    if count < i64::from(vouch.required) {
        return Ok(VouchOutcome::Counted(decode(
            "join_request_vouches count",
            u8::try_from(count),
        )?));
    }
    decide_join_request(db, &vouch.acceptance).await?;
    Ok(VouchOutcome::Accepted)
}

pub(crate) async fn record_interview(
    db: &impl Sql,
    interview: &InterviewRecord,
) -> StoreResult<()> {
    let held_on = interview.held_on.to_string();
    let updated = db
        .execute(
            "UPDATE join_requests SET interview_on = $2, interview_notes = $3, interviewed_by = $4 \
             WHERE id = $1 AND status = $5",
            &[
                interview.request.0.into(),
                held_on.as_str().into(),
                interview.notes.as_str().into(),
                interview.by.0.into(),
                RequestStatus::Pending.as_str().into(),
            ],
        )
        .await?;
    if updated == 0 {
        one(
            db,
            "SELECT id FROM join_requests WHERE id = $1",
            &[interview.request.0.into()],
        )
        .await?;
        return Err(StoreError::Conflict);
    }
    audit(
        db,
        request_audit(
            interview.request,
            interview.by,
            interview.at,
            AuditAction::InterviewRecorded,
        ),
    )
    .await
}

pub(crate) async fn create_invitation(
    db: &impl Sql,
    invitation: &NewInvitation,
) -> StoreResult<InvitationId> {
    let row = one(
        db,
        "INSERT INTO community_invitations \
         (community_id, email, token_hash, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        &[
            invitation.community.0.into(),
            invitation.email.as_str().into(),
            invitation.token.as_str().into(),
            invitation.by.0.into(),
            invitation.at.0.into(),
            invitation.expires_at.0.into(),
        ],
    )
    .await?;
    let id = InvitationId(row.int(0)?);
    enqueue(db, &invitation.notice).await?;
    audit(
        db,
        Audit {
            at: invitation.at,
            actor: Some(invitation.by),
            action: AuditAction::InvitationSent,
            subject: format!("community:{}/invitation:{}", invitation.community.0, id.0),
        },
    )
    .await?;
    Ok(id)
}

const INVITATION_COLUMNS: &str = "SELECT i.id, i.community_id, i.email, a.display_name, \
     i.created_at, i.expires_at, i.used_at, i.revoked_at \
     FROM community_invitations i JOIN accounts a ON a.id = i.invited_by";

pub(crate) async fn invitation_by_token(
    db: &impl Sql,
    token: &TokenHash,
) -> StoreResult<Invitation> {
    let row = one(
        db,
        &format!("{INVITATION_COLUMNS} WHERE i.token_hash = $1"),
        &[token.as_str().into()],
    )
    .await?;
    read_invitation(&row)
}

pub(crate) async fn open_invitations(
    db: &impl Sql,
    community: CommunityId,
) -> StoreResult<Vec<Invitation>> {
    db.query(
        &format!(
            "{INVITATION_COLUMNS} WHERE i.community_id = $1 AND i.used_at IS NULL \
             AND i.revoked_at IS NULL ORDER BY i.created_at DESC, i.id DESC"
        ),
        &[community.0.into()],
    )
    .await?
    .iter()
    .map(read_invitation)
    .collect()
}

fn read_invitation(row: &Row) -> StoreResult<Invitation> {
    Ok(Invitation {
        id: InvitationId(row.int(0)?),
        community: CommunityId(row.int(1)?),
        email: decode(
            "community_invitations.email",
            EmailAddress::parse(&row.text(2)?),
        )?,
        invited_by: row.text(3)?,
        created_at: Timestamp(row.int(4)?),
        expires_at: Timestamp(row.int(5)?),
        used_at: row.optional_int(6)?.map(Timestamp),
        revoked: row.optional_int(7)?.is_some(),
    })
}

/// A revocation, carried as one value to the writer thread.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Revocation {
    pub(crate) community: CommunityId,
    pub(crate) invitation: InvitationId,
    pub(crate) by: AccountId,
    pub(crate) at: Timestamp,
}

pub(crate) async fn revoke_invitation(db: &impl Sql, revocation: Revocation) -> StoreResult<()> {
    changed(
        db,
        "UPDATE community_invitations SET revoked_at = $3 \
         WHERE id = $1 AND community_id = $2 AND used_at IS NULL AND revoked_at IS NULL",
        &[
            revocation.invitation.0.into(),
            revocation.community.0.into(),
            revocation.at.0.into(),
        ],
    )
    .await?;
    audit(
        db,
        Audit {
            at: revocation.at,
            actor: Some(revocation.by),
            action: AuditAction::InvitationRevoked,
            subject: format!(
                "community:{}/invitation:{}",
                revocation.community.0, revocation.invitation.0
            ),
        },
    )
    .await
}

/// The guarded update makes the link single-use even when two people click
/// it at once: the second finds it used and changes nothing.
pub(crate) async fn use_invitation(db: &impl Sql, taken: &InvitationUse) -> StoreResult<()> {
    let member = &taken.member;
    let used = db
        .execute(
            "UPDATE community_invitations SET used_at = $2, used_by = $3 \
             WHERE id = $1 AND community_id = $4 AND used_at IS NULL AND revoked_at IS NULL \
             AND expires_at > $2",
            &[
                taken.invitation.0.into(),
                member.at.0.into(),
                member.account.0.into(),
                member.community.0.into(),
            ],
        )
        .await?;
    if used == 0 {
        return Err(StoreError::Conflict);
    }
    // A request the invitee had made is settled by the invitation.
    db.execute(
        "UPDATE join_requests SET status = $3, decided_by = $2, decided_at = $4 \
         WHERE community_id = $1 AND account_id = $2 AND status = $5",
        &[
            member.community.0.into(),
            member.account.0.into(),
            RequestStatus::Accepted.as_str().into(),
            member.at.0.into(),
            RequestStatus::Pending.as_str().into(),
        ],
    )
    .await?;
    add_community_member(db, member).await?;
    audit(
        db,
        member_audit(
            member.community,
            member.account,
            member.account,
            member.at,
            AuditAction::InvitationUsed,
        ),
    )
    .await
}

//! The audit log: who changed what, and when.
//!
//! Store methods that change something that matters write their entry in the
//! same transaction as the change, so the log cannot miss one.

use crate::account::AccountId;
use crate::time::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: Timestamp,
    pub actor: Option<AccountId>,
    pub action: String,
    pub subject: String,
}

/// The changes the audit log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    InstanceSetUp,
    AccountCreated,
    EmailConfirmed,
    PasswordReset,
    PasswordChanged,
    ProfileUpdated,
    AccountDeleted,
    ApiTokenCreated,
    ApiTokenRevoked,
    RolesChanged,
    ProfileSaved,
    MembershipPolicyChanged,
    OrganisationCreated,
    OrganisationUpdated,
    Affiliated,
    Unaffiliated,
    PlanCreated,
    MembershipCreated,
    PeriodAdded,
    PaymentRecorded,
    MembershipStatusChanged,
    AdmissionSettingsChanged,
    ApplicationSubmitted,
    ApplicationWithdrawn,
    ApplicationAccepted,
    ApplicationRefused,
    BureauSessionCreated,
    BureauSessionNotes,
    ContributionRecorded,
    MembersImported,
    CommunityCreated,
    CommunityUpdated,
    CommunityJoined,
    CommunityRolesChanged,
    CommunityLeft,
    JoinRequested,
    JoinRequestWithdrawn,
    JoinAccepted,
    JoinRefused,
    CommunityExclusion,
    CommunityReadmission,
    CharterPublished,
    CharterAccepted,
    NotificationSettingsSaved,
    WebhookSet,
    WebhookRemoved,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InstanceSetUp => "instance.set_up",
            Self::AccountCreated => "account.created",
            Self::EmailConfirmed => "account.email_confirmed",
            Self::PasswordReset => "account.password_reset",
            Self::PasswordChanged => "account.password_changed",
            Self::ProfileUpdated => "account.profile_updated",
            Self::AccountDeleted => "account.deleted",
            Self::ApiTokenCreated => "api_token.created",
            Self::ApiTokenRevoked => "api_token.revoked",
            Self::RolesChanged => "account.roles_changed",
            Self::ProfileSaved => "profile.saved",
            Self::MembershipPolicyChanged => "settings.membership_policy",
            Self::OrganisationCreated => "organisation.created",
            Self::OrganisationUpdated => "organisation.updated",
            Self::Affiliated => "organisation.affiliated",
            Self::Unaffiliated => "organisation.unaffiliated",
            Self::PlanCreated => "plan.created",
            Self::MembershipCreated => "membership.created",
            Self::PeriodAdded => "membership.period_added",
            Self::PaymentRecorded => "membership.payment_recorded",
            Self::MembershipStatusChanged => "membership.status_changed",
            Self::AdmissionSettingsChanged => "settings.admission",
            Self::ApplicationSubmitted => "application.submitted",
            Self::ApplicationWithdrawn => "application.withdrawn",
            Self::ApplicationAccepted => "application.accepted",
            Self::ApplicationRefused => "application.refused",
            Self::BureauSessionCreated => "bureau_session.created",
            Self::BureauSessionNotes => "bureau_session.notes",
            Self::ContributionRecorded => "contribution.recorded",
            Self::MembersImported => "members.imported",
            Self::CommunityCreated => "community.created",
            Self::CommunityUpdated => "community.updated",
            Self::CommunityJoined => "community.joined",
            Self::CommunityRolesChanged => "community.roles_changed",
            Self::CommunityLeft => "community.left",
            Self::JoinRequested => "join_request.submitted",
            Self::JoinRequestWithdrawn => "join_request.withdrawn",
            Self::JoinAccepted => "join_request.accepted",
            Self::JoinRefused => "join_request.refused",
            Self::CommunityExclusion => "community.excluded",
            Self::CommunityReadmission => "community.readmitted",
            Self::CharterPublished => "charter.published",
            Self::CharterAccepted => "charter.accepted",
            Self::NotificationSettingsSaved => "account.notification_settings",
            Self::WebhookSet => "community.webhook_set",
            Self::WebhookRemoved => "community.webhook_removed",
        }
    }
}

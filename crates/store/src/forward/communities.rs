//! The communities' `CommunityStore`, `JoiningStore`, `RulesStore` and `ArrivalStore` on both
//! backends.

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::secret::TokenHash;
use cercle_core::communities::community::{
    Charter, Community, CommunityId, CommunityMember, CommunityRole, Engagement, Invitation,
    InvitationId, JoinRequest, JoinRequestId,
};
use cercle_core::communities::store::{
    ArrivalClaim, ArrivalStore, CommunityList, CommunityListing, CommunitySave, CommunityStore,
    Departure, ExcludedPerson, Exclusion, Holding, InterviewRecord, InvitationUse, JobCompletion,
    JoinDecision, JoiningStore, MemberPage, NewCommunityMember, NewInvitation, NewJoinRequest,
    Newcomers, RulesStore, SeenCommunities, Vouch, VouchOutcome, WebhookSave,
};
use cercle_core::communities::webhook::Webhook;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::notify::notification::Recipient;

use crate::ops;
use crate::ops::communities::arrival::WebhookRemoval;
use crate::ops::communities::joining::Revocation;
use crate::ops::communities::{
    CharterAcceptance, CharterPublication, EngagementChange, MembersPage, Readmission,
    RequestWithdrawal, RolesAssignment,
};

forward! {
    impl CommunityStore {
        write fn create_community(save: &CommunitySave) -> StoreResult<CommunityId>
            => ops::communities::create_community;
        write fn update_community(id: CommunityId, save: &CommunitySave) -> StoreResult<()>
            => ops::communities::update_community;
        read_inline fn community(id: CommunityId) -> StoreResult<Community>
            => ops::communities::community;
        read_inline fn community_by_slug(slug: &str) -> StoreResult<Community>
            => ops::communities::community_by_slug;
        read_blocking fn communities() -> StoreResult<Vec<Community>>
            => ops::communities::communities;
        read_blocking fn list_communities(listing: &CommunityListing) -> StoreResult<CommunityList>
            => ops::communities::list_communities;
        read_blocking fn community_themes(seen: &SeenCommunities) -> StoreResult<Vec<String>>
            => ops::communities::community_themes;
        read_inline fn community_roles(id: CommunityId) -> StoreResult<Vec<CommunityRole>>
            => ops::communities::community_roles;
        read_inline fn community_member(
            community: CommunityId,
            account: AccountId,
        ) -> StoreResult<Option<CommunityMember>>
            => ops::communities::community_member;
        read_inline fn community_members_page(
            community: CommunityId,
            limit: u32,
            offset: u64,
        ) -> StoreResult<Vec<CommunityMember>>
            => ops::communities::community_members_page(&MembersPage { community, limit, offset });
        read_blocking fn community_member_ids(community: CommunityId) -> StoreResult<Vec<AccountId>>
            => ops::communities::community_member_ids;
        read_inline fn community_holders(
            community: CommunityId,
            holding: &Holding,
        ) -> StoreResult<Vec<AccountId>>
            => ops::communities::community_holders;
        read_blocking fn plain_community_members(
            community: CommunityId,
        ) -> StoreResult<Vec<CommunityMember>>
            => ops::communities::plain_community_members;
        read_inline fn community_referents(
            community: CommunityId,
        ) -> StoreResult<Vec<(String, String)>>
            => ops::communities::community_referents;
        read_blocking fn community_members(id: CommunityId) -> StoreResult<Vec<CommunityMember>>
            => ops::communities::community_members;
        read_inline fn communities_of(
            account: AccountId,
        ) -> StoreResult<Vec<(CommunityId, CommunityMember)>>
            => ops::communities::communities_of;
        write fn add_community_member(member: &NewCommunityMember) -> StoreResult<()>
            => ops::communities::add_community_member;
        write fn set_community_roles(
            id: CommunityId,
            account: AccountId,
            roles: &[String],
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::communities::set_community_roles(&RolesAssignment {
                community: id,
                account,
                roles: roles.to_vec(),
                by,
                at,
            });
        write fn remove_community_member(departure: &Departure) -> StoreResult<()>
            => ops::communities::remove_community_member;
        write fn set_engagement(
            community: CommunityId,
            account: AccountId,
            engagement: Engagement,
        ) -> StoreResult<()>
            => ops::communities::set_engagement(&EngagementChange { community, account, engagement });
    }
}

forward! {
    impl JoiningStore {
        write fn create_join_request(request: &NewJoinRequest) -> StoreResult<JoinRequestId>
            => ops::communities::create_join_request;
        read_inline fn join_request(id: JoinRequestId) -> StoreResult<JoinRequest>
            => ops::communities::join_request;
        read_inline fn count_pending_join_requests(id: CommunityId) -> StoreResult<u64>
            => ops::communities::count_pending_join_requests;
        read_blocking fn pending_join_requests(id: CommunityId) -> StoreResult<Vec<JoinRequest>>
            => ops::communities::pending_join_requests;
        read_inline fn join_requests_of(account: AccountId) -> StoreResult<Vec<JoinRequest>>
            => ops::communities::join_requests_of;
        read_inline fn pending_join_request(
            community: CommunityId,
            account: AccountId,
        ) -> StoreResult<Option<JoinRequest>>
            => ops::communities::pending_join_request;
        write fn withdraw_join_request(
            id: JoinRequestId,
            account: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::communities::withdraw_join_request(RequestWithdrawal {
                request: id,
                account,
                at,
            });
        write fn decide_join_request(decision: &JoinDecision) -> StoreResult<()>
            => ops::communities::decide_join_request;
        write fn vouch_for_request(vouch: &Vouch) -> StoreResult<VouchOutcome>
            => ops::communities::joining::vouch_for_request;
        write fn record_interview(interview: &InterviewRecord) -> StoreResult<()>
            => ops::communities::joining::record_interview;
        write fn create_invitation(invitation: &NewInvitation) -> StoreResult<InvitationId>
            => ops::communities::joining::create_invitation;
        read_blocking fn invitation_by_token(token: &TokenHash) -> StoreResult<Invitation>
            => ops::communities::joining::invitation_by_token;
        read_blocking fn open_invitations(community: CommunityId) -> StoreResult<Vec<Invitation>>
            => ops::communities::joining::open_invitations;
        write fn revoke_invitation(
            community: CommunityId,
            id: InvitationId,
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::communities::joining::revoke_invitation(Revocation { community, invitation: id, by, at });
        write fn use_invitation(taken: &InvitationUse) -> StoreResult<()>
            => ops::communities::joining::use_invitation;
    }
}

forward! {
    impl RulesStore {
        write fn exclude_from_community(exclusion: &Exclusion) -> StoreResult<()>
            => ops::communities::exclude_from_community;
        write fn readmit_to_community(
            community: CommunityId,
            account: AccountId,
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::communities::readmit_to_community(&Readmission { community, account, by, at });
        read_blocking fn community_exclusions(
            community: CommunityId,
        ) -> StoreResult<Vec<ExcludedPerson>>
            => ops::communities::community_exclusions;
        write fn publish_charter(
            community: CommunityId,
            text: &str,
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<i64>
            => ops::communities::publish_charter(&CharterPublication {
                community,
                text: text.to_owned(),
                by,
                at,
            });
        read_inline fn charter(community: CommunityId) -> StoreResult<Option<Charter>>
            => ops::communities::charter;
        write fn accept_charter(
            community: CommunityId,
            account: AccountId,
            version: i64,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::communities::accept_charter(&CharterAcceptance {
                community,
                account,
                version,
                at,
            });
        read_inline fn is_excluded(community: CommunityId, account: AccountId) -> StoreResult<bool>
            => ops::communities::is_excluded;
    }
}

forward! {
    impl ArrivalStore {
        write fn complete_job_with(completion: &JobCompletion) -> StoreResult<()>
            => ops::communities::arrival::complete_job_with;
        read_blocking fn member_recipients(page: &MemberPage) -> StoreResult<Vec<Recipient>>
            => ops::communities::arrival::member_recipients;
        write fn claim_arrivals(claim: &ArrivalClaim) -> StoreResult<Newcomers>
            => ops::communities::arrival::claim_arrivals;
        read_inline fn community_webhook(community: CommunityId) -> StoreResult<Option<Webhook>>
            => ops::communities::arrival::community_webhook;
        write fn set_community_webhook(save: &WebhookSave) -> StoreResult<()>
            => ops::communities::arrival::set_community_webhook;
        write fn remove_community_webhook(
            community: CommunityId,
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::communities::arrival::remove_community_webhook(&WebhookRemoval { community, by, at });
    }
}

//! What governance needs from storage, in three small traits: the bodies
//! and their mandates, the assemblies with their roll and proxies, and the
//! agenda with its ballots and the minutes.
//!
//! Each method is one transaction. A write that changes who carries whose
//! vote (a proxy given or revoked, someone marked present, the assembly
//! opened) takes the assembly's row first, as events take theirs for a
//! seat, so that concurrent proxies to one holder are counted one after the
//! other and never exceed the cap on either backend.

use async_trait::async_trait;

use crate::accounts::account::AccountId;
use crate::governance::assembly::{
    AgendaItem, Assembly, AssemblyFields, AssemblyId, ItemFields, ItemId, Presence, Quorum,
    RollEntry, Statutes,
};
use crate::governance::ballot::{Choice, Tally};
use crate::governance::body::{Body, BodyFields, BodyId, MandateId, Seat};
use crate::governance::minutes::Minutes;
use crate::kernel::date::Date;
use crate::kernel::job::NewJob;
use crate::kernel::store::{Listed, StoreResult};
use crate::kernel::time::Timestamp;
use crate::notify::notification::Recipient;

#[async_trait]
pub trait BodyStore: Send + Sync {
    /// The instance's statutes: the defaults until an administrator saves
    /// others.
    async fn statutes(&self) -> StoreResult<Statutes>;

    /// Audited.
    async fn set_statutes(
        &self,
        statutes: &Statutes,
        by: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;

    /// Every body, in the order they were created, each with its mandates:
    /// by seat, then the latest start first.
    async fn bodies(&self) -> StoreResult<Vec<Body>>;

    /// Audited.
    async fn create_body(&self, save: &BodySave) -> StoreResult<BodyId>;

    /// Audited; [`StoreError::NotFound`] for an unknown body.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn update_body(&self, id: BodyId, save: &BodySave) -> StoreResult<()>;

    /// Removes the body with its mandates' history; audited.
    /// [`StoreError::NotFound`] for an unknown body.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn remove_body(&self, id: BodyId, by: AccountId, at: Timestamp) -> StoreResult<()>;

    /// Audited; [`StoreError::NotFound`] for an unknown body or account.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn add_mandate(&self, save: &MandateSave) -> StoreResult<MandateId>;

    /// Sets the mandate's last day; audited. [`StoreError::NotFound`] for
    /// an unknown mandate.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn end_mandate(&self, end: &MandateEnd) -> StoreResult<()>;
}

#[async_trait]
pub trait AssemblyStore: Send + Sync {
    /// Audited.
    async fn create_assembly(&self, save: &AssemblySave) -> StoreResult<AssemblyId>;

    /// Audited; [`StoreError::Conflict`] once the assembly is open.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn update_assembly(&self, id: AssemblyId, save: &AssemblySave) -> StoreResult<()>;

    async fn assembly(&self, id: AssemblyId) -> StoreResult<Assembly>;

    /// A page of assemblies, the latest first: every one, or, for
    /// `on_roll`, the convened ones whose roll holds that account.
    async fn assemblies(&self, listing: &AssemblyListing) -> StoreResult<Listed<Assembly>>;

    /// Freezes the roll (see [`Convocation`]), marks the assembly convened
    /// and enqueues the job that emails the roll; audited.
    /// [`StoreError::Conflict`] when it is not a draft. Answers the roll's
    /// size.
    async fn convene(&self, convocation: &Convocation) -> StoreResult<i64>;

    /// The account's line of the roll, when it is on it.
    async fn roll_entry(
        &self,
        assembly: AssemblyId,
        account: AccountId,
    ) -> StoreResult<Option<RollEntry>>;

    /// A page of the roll, by name, optionally those whose name or address
    /// contains `search`.
    async fn roll(&self, page: &RollPage) -> StoreResult<Listed<RollEntry>>;

    /// The next `limit` people of the roll after `after`, in account order,
    /// with their address and language: the convocation's recipients.
    async fn roll_recipients(
        &self,
        assembly: AssemblyId,
        after: AccountId,
        limit: u32,
    ) -> StoreResult<Vec<Recipient>>;

    /// Gives the giver's vote to the holder, replacing a proxy they gave
    /// before, unless the [`ProxyRefusal`] says why not; decided after
    /// taking the assembly's row.
    async fn give_proxy(&self, proxy: &ProxySave) -> StoreResult<Result<(), ProxyRefusal>>;

    /// The giver votes again themselves; a no-op when they gave no proxy.
    /// [`StoreError::Conflict`] once the assembly is open.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn revoke_proxy(
        &self,
        assembly: AssemblyId,
        giver: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;

    /// Marks someone on the roll present, or absent with none; one who
    /// comes in person takes back the proxy they gave while the assembly
    /// is not open yet. [`StoreError::NotFound`] when they are not on the
    /// roll.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn set_presence(&self, save: &PresenceSave) -> StoreResult<()>;

    /// The voting roll and how many of it are present or represented now:
    /// `needed` is left at zero for the caller, who knows the statutes.
    async fn quorum_now(&self, assembly: AssemblyId) -> StoreResult<Quorum>;

    /// Opens the assembly with its quorum recorded; audited.
    /// [`StoreError::Conflict`] when it is not convened.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn open_assembly(&self, opening: &AssemblyOpening) -> StoreResult<()>;

    /// Closes the assembly, closing its open ballots with their count, and
    /// saves the minutes' draft; audited. [`StoreError::Conflict`] when it
    /// is not open.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn close_assembly(&self, closing: &AssemblyClosing) -> StoreResult<()>;
}

#[async_trait]
pub trait BallotStore: Send + Sync {
    /// Adds an item at the end of the agenda; audited.
    /// [`StoreError::Conflict`] once the assembly is closed.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn add_item(&self, save: &ItemSave) -> StoreResult<ItemId>;

    /// Audited; [`StoreError::Conflict`] once its ballot has opened.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn update_item(&self, id: ItemId, save: &ItemSave) -> StoreResult<()>;

    async fn item(&self, id: ItemId) -> StoreResult<AgendaItem>;

    /// The agenda in order.
    async fn agenda(&self, assembly: AssemblyId) -> StoreResult<Vec<AgendaItem>>;

    /// The chair opens the item's ballot; audited. [`StoreError::Conflict`]
    /// when it carries no resolution or its ballot was already opened.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn open_ballot(&self, item: ItemId, by: AccountId, at: Timestamp) -> StoreResult<()>;

    /// The chair closes the item's ballot, recording its count; audited.
    /// [`StoreError::Conflict`] when it is already closed.
    async fn close_ballot(&self, item: ItemId, by: AccountId, at: Timestamp) -> StoreResult<Tally>;

    /// Records a vote unless the [`VoteRefusal`] says why not. For a secret
    /// ballot the choice only adds to a counter, and the receipt's hash is
    /// kept without it.
    async fn cast_vote(&self, vote: &VoteSave) -> StoreResult<Result<(), VoteRefusal>>;

    /// The count so far; `eligible` is the voting roll present or
    /// represented now.
    async fn tally(&self, item: ItemId) -> StoreResult<Tally>;

    /// The roll-call of an open ballot: each voice by name, in the order
    /// of the names.
    async fn roll_call(&self, item: ItemId) -> StoreResult<Vec<(String, Choice)>>;

    /// The voices an account carries in an item's ballot (its own, when it
    /// votes and gave no proxy, and those it holds), each with whether it
    /// was cast.
    async fn voices(&self, item: ItemId, account: AccountId) -> StoreResult<Vec<Voice>>;

    /// Whether a ballot with this receipt's hash was counted.
    async fn receipt_counted(&self, item: ItemId, receipt: &str) -> StoreResult<bool>;

    async fn minutes(&self, assembly: AssemblyId) -> StoreResult<Option<Minutes>>;

    /// Saves the minutes' text, or approves them, which publishes them to
    /// the roll; audited. [`StoreError::Conflict`] once approved.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn save_minutes(&self, save: &MinutesSave) -> StoreResult<()>;
}

/// A body as its form saved it.
#[derive(Debug, Clone)]
pub struct BodySave {
    pub fields: BodyFields,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct MandateSave {
    pub body: BodyId,
    pub account: AccountId,
    pub seat: Seat,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct MandateEnd {
    pub mandate: MandateId,
    pub on: Date,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct AssemblySave {
    pub fields: AssemblyFields,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssemblyListing {
    /// Only the convened assemblies whose roll holds this account.
    pub on_roll: Option<AccountId>,
    pub limit: u32,
    pub offset: u64,
}

/// The roll is frozen as it stands on `roll_on`: each holder of an active
/// membership whose dues for the period covering that day are paid (for an
/// organisation's, its representative), with the plan as their class,
/// voting when their plan votes; then the holders of an association role
/// not already on it, as the team, who do not vote.
#[derive(Debug, Clone)]
pub struct Convocation {
    pub assembly: AssemblyId,
    pub roll_on: Date,
    /// The first batch of the convocation's emails.
    pub job: NewJob,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollPage {
    pub assembly: AssemblyId,
    pub search: Option<String>,
    pub limit: u32,
    pub offset: u64,
}

#[derive(Debug, Clone)]
pub struct ProxySave {
    pub assembly: AssemblyId,
    pub giver: AccountId,
    pub holder: AccountId,
    /// The statutes' cap on the proxies one holder carries.
    pub cap: u32,
    pub at: Timestamp,
}

/// Why a proxy is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyRefusal {
    /// The assembly is not convened, or already open.
    NotConvened,
    /// The giver is not a voting member of the roll.
    GiverNotVoting,
    HolderNotVoting,
    ToSelf,
    /// The holder carries the statutes' number of proxies already.
    HolderFull,
    /// The holder gave their own vote away; proxies do not chain.
    HolderGaveProxy,
    /// The giver carries others' proxies, which cannot be passed on.
    GiverHoldsProxies,
}

impl ProxyRefusal {
    pub fn message(self) -> &'static str {
        match self {
            Self::NotConvened => "error-proxy-closed",
            Self::GiverNotVoting => "error-proxy-giver-not-voting",
            Self::HolderNotVoting => "error-proxy-holder-not-voting",
            Self::ToSelf => "error-proxy-self",
            Self::HolderFull => "error-proxy-cap",
            Self::HolderGaveProxy => "error-proxy-chain",
            Self::GiverHoldsProxies => "error-proxy-holds",
        }
    }
}

#[derive(Debug, Clone)]
pub struct PresenceSave {
    pub assembly: AssemblyId,
    pub account: AccountId,
    pub presence: Option<Presence>,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct AssemblyOpening {
    pub assembly: AssemblyId,
    pub quorum: Quorum,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct AssemblyClosing {
    pub assembly: AssemblyId,
    /// The minutes as drafted from the facts, for the secretary to edit.
    pub minutes: String,
    pub by: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct ItemSave {
    pub assembly: AssemblyId,
    pub fields: ItemFields,
    pub by: AccountId,
    pub at: Timestamp,
}

/// One voice cast in a ballot: `voter` casts it for `on_behalf` (the voter
/// themselves, or a member whose proxy they carry).
#[derive(Debug, Clone)]
pub struct VoteSave {
    pub item: ItemId,
    pub voter: AccountId,
    pub on_behalf: AccountId,
    pub choice: Choice,
    /// The receipt code's hash, for a secret ballot.
    pub receipt: Option<String>,
    pub at: Timestamp,
}

/// Why a vote is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteRefusal {
    /// The voice is not on the roll, or does not vote (the team).
    NotVoting,
    /// The voice's owner gave their proxy: their holder votes for them.
    ProxyGiven,
    /// The voter does not carry this voice's proxy.
    NotHolder,
    AlreadyVoted,
}

impl VoteRefusal {
    pub fn message(self) -> &'static str {
        match self {
            Self::NotVoting => "error-vote-not-voting",
            Self::ProxyGiven => "error-vote-proxy-given",
            Self::NotHolder => "error-vote-not-holder",
            Self::AlreadyVoted => "error-vote-twice",
        }
    }
}

/// A voice an account carries in a ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    pub on_behalf: AccountId,
    pub name: String,
    /// The account's own voice rather than a proxy.
    pub own: bool,
    pub cast: bool,
}

#[derive(Debug, Clone)]
pub struct MinutesSave {
    pub assembly: AssemblyId,
    /// The text, unchanged when approving.
    pub text: String,
    pub approve: bool,
    pub by: AccountId,
    pub at: Timestamp,
}

/// Everything governance's flows read and write: its stores and those of
/// the areas below it. Any full store is one.
pub trait Storage: BodyStore + AssemblyStore + BallotStore + crate::events::store::Storage {}

impl<T: ?Sized + BodyStore + AssemblyStore + BallotStore + crate::events::store::Storage> Storage
    for T
{
}

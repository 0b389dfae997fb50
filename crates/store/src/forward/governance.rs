//! Governance's `BodyStore`, `AssemblyStore` and `BallotStore` on both
//! backends.

use cercle_core::accounts::account::AccountId;
use cercle_core::governance::assembly::{
    AgendaItem, Assembly, AssemblyId, ItemId, Quorum, RollEntry, Statutes,
};
use cercle_core::governance::ballot::{Choice, Tally};
use cercle_core::governance::body::{Body, BodyId, MandateId};
use cercle_core::governance::minutes::Minutes;
use cercle_core::governance::store::{
    AssemblyClosing, AssemblyListing, AssemblyOpening, AssemblySave, AssemblyStore, BallotStore,
    BodySave, BodyStore, Convocation, ItemSave, MandateEnd, MandateSave, MinutesSave, PresenceSave,
    ProxyRefusal, ProxySave, RollPage, Voice, VoteRefusal, VoteSave,
};
use cercle_core::kernel::store::{Listed, StoreResult};
use cercle_core::kernel::time::Timestamp;
use cercle_core::notify::notification::Recipient;

use crate::ops;

forward! {
    impl BodyStore {
        read_inline fn statutes() -> StoreResult<Statutes>
            => ops::governance::statutes;
        write fn set_statutes(
            statutes: &Statutes,
            by: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::governance::set_statutes;
        read_blocking fn bodies() -> StoreResult<Vec<Body>>
            => ops::governance::bodies;
        write fn create_body(save: &BodySave) -> StoreResult<BodyId>
            => ops::governance::create_body;
        write fn update_body(id: BodyId, save: &BodySave) -> StoreResult<()>
            => ops::governance::update_body;
        write fn remove_body(id: BodyId, by: AccountId, at: Timestamp) -> StoreResult<()>
            => ops::governance::remove_body;
        write fn add_mandate(save: &MandateSave) -> StoreResult<MandateId>
            => ops::governance::add_mandate;
        write fn end_mandate(end: &MandateEnd) -> StoreResult<()>
            => ops::governance::end_mandate;
    }
}

forward! {
    impl AssemblyStore {
        write fn create_assembly(save: &AssemblySave) -> StoreResult<AssemblyId>
            => ops::governance::create_assembly;
        write fn update_assembly(id: AssemblyId, save: &AssemblySave) -> StoreResult<()>
            => ops::governance::update_assembly;
        read_inline fn assembly(id: AssemblyId) -> StoreResult<Assembly>
            => ops::governance::assembly;
        read_blocking fn assemblies(listing: &AssemblyListing) -> StoreResult<Listed<Assembly>>
            => ops::governance::assemblies;
        write fn convene(convocation: &Convocation) -> StoreResult<i64>
            => ops::governance::convene;
        read_inline fn roll_entry(
            assembly: AssemblyId,
            account: AccountId,
        ) -> StoreResult<Option<RollEntry>>
            => ops::governance::roll_entry;
        read_blocking fn roll(page: &RollPage) -> StoreResult<Listed<RollEntry>>
            => ops::governance::roll;
        read_blocking fn roll_recipients(
            assembly: AssemblyId,
            after: AccountId,
            limit: u32,
        ) -> StoreResult<Vec<Recipient>>
            => ops::governance::roll_recipients;
        write fn give_proxy(proxy: &ProxySave) -> StoreResult<Result<(), ProxyRefusal>>
            => ops::governance::give_proxy;
        write fn revoke_proxy(
            assembly: AssemblyId,
            giver: AccountId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::governance::revoke_proxy;
        write fn set_presence(save: &PresenceSave) -> StoreResult<()>
            => ops::governance::set_presence;
        read_blocking fn quorum_now(assembly: AssemblyId) -> StoreResult<Quorum>
            => ops::governance::quorum_now;
        write fn open_assembly(opening: &AssemblyOpening) -> StoreResult<()>
            => ops::governance::open_assembly;
        write fn close_assembly(closing: &AssemblyClosing) -> StoreResult<()>
            => ops::governance::close_assembly;
    }
}

forward! {
    impl BallotStore {
        write fn add_item(save: &ItemSave) -> StoreResult<ItemId>
            => ops::governance::add_item;
        write fn update_item(id: ItemId, save: &ItemSave) -> StoreResult<()>
            => ops::governance::update_item;
        read_inline fn item(id: ItemId) -> StoreResult<AgendaItem>
            => ops::governance::item;
        read_inline fn agenda(assembly: AssemblyId) -> StoreResult<Vec<AgendaItem>>
            => ops::governance::agenda;
        write fn open_ballot(item: ItemId, by: AccountId, at: Timestamp) -> StoreResult<()>
            => ops::governance::open_ballot;
        write fn close_ballot(item: ItemId, by: AccountId, at: Timestamp) -> StoreResult<Tally>
            => ops::governance::close_ballot;
        write fn cast_vote(vote: &VoteSave) -> StoreResult<Result<(), VoteRefusal>>
            => ops::governance::cast_vote;
        read_blocking fn tally(item: ItemId) -> StoreResult<Tally>
            => ops::governance::tally;
        read_blocking fn roll_call(item: ItemId) -> StoreResult<Vec<(String, Choice)>>
            => ops::governance::roll_call;
        read_inline fn voices(item: ItemId, account: AccountId) -> StoreResult<Vec<Voice>>
            => ops::governance::voices;
        read_inline fn receipt_counted(item: ItemId, receipt: &str) -> StoreResult<bool>
            => ops::governance::receipt_counted;
        read_inline fn minutes(assembly: AssemblyId) -> StoreResult<Option<Minutes>>
            => ops::governance::minutes;
        write fn save_minutes(save: &MinutesSave) -> StoreResult<()>
            => ops::governance::save_minutes;
    }
}

//! The newsletter: the association's mailing lists (seed 001's general list
//! and developers' list), subscription by double opt-in, one-click
//! unsubscription (RFC 8058), and the issues administrators send.
//!
//! Nobody needs an account to subscribe. A subscription is answered the same
//! whether the address is new, waiting for its confirmation or already
//! subscribed, so that the form tells nobody who reads the lists; the
//! addresses are shown on the administrators' page alone.

pub mod store;

use std::time::Duration;

use crate::accounts::account::AccountId;
use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::accounts::secret::{Secret, TokenHash};
use crate::communities::community::Slug;
use crate::kernel::association::Language;
use crate::kernel::email::EmailAddress;
use crate::kernel::flow::Context;
use crate::kernel::i18n::text_if_known;
use crate::kernel::job::NewJob;
use crate::kernel::mail::{OutgoingEmail, Sender};
use crate::kernel::store::StoreError;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep, label};
use crate::newsletter::store::Storage;

/// How long a confirmation link works.
pub const CONFIRMATION_LIFETIME: Duration = Duration::from_secs(48 * 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MailingListId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SubscriptionId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IssueId(pub i64);

/// A mailing list of the association. The general list exists from the
/// start; administrators add others, such as the developers' list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailingList {
    pub id: MailingListId,
    pub slug: Slug,
    pub name: String,
    pub description: String,
    /// How many addresses confirmed and still receive it.
    pub subscribers: i64,
}

impl MailingList {
    /// The name in `language`: the lists Cercle creates itself are named in
    /// the locale files, those of administrators as they were written.
    pub fn label(&self, language: Language) -> String {
        text_if_known(language, &format!("newsletter-list-{}", self.slug.as_str()))
            .unwrap_or_else(|| self.name.clone())
    }
}

/// Where a subscription stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriptionState {
    /// Asked for; nothing is sent until the link in the email is used.
    Pending,
    Confirmed,
    Unsubscribed,
}

impl SubscriptionState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::Unsubscribed => "unsubscribed",
        }
    }
}

/// An address on a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: SubscriptionId,
    pub list: MailingListId,
    pub email: EmailAddress,
    /// The language of its emails' own sentences.
    pub language: Language,
    pub state: SubscriptionState,
    pub created_at: Timestamp,
}

/// An issue as the administrators' page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub id: IssueId,
    pub list: MailingListId,
    pub subject: String,
    pub sent_by: String,
    pub sent_at: Timestamp,
    /// How many confirmed subscribers it was sent to.
    pub recipients: i64,
}

/// A list as an administrator creates it.
#[derive(Debug, Clone)]
pub struct MailingListSave {
    pub slug: Slug,
    pub name: String,
    pub description: String,
    pub by: AccountId,
    pub at: Timestamp,
}

/// Someone asking to receive lists. The store records the lists the address
/// does not receive yet as waiting for `token`, and sends `confirmation`; if
/// the address already receives every list asked for, it sends `already`
/// instead.
#[derive(Debug, Clone)]
pub struct NewSubscription {
    pub email: EmailAddress,
    pub language: Language,
    pub lists: Vec<MailingListId>,
    /// The hash of the confirmation link's secret.
    pub token: TokenHash,
    pub expires_at: Timestamp,
    pub confirmation: NewJob,
    pub already: NewJob,
    pub at: Timestamp,
}

/// An issue about to be sent: one email per subscriber confirmed when it was
/// written. The store sends each only if the subscription is still
/// confirmed, in the same transaction as the issue.
#[derive(Debug, Clone)]
pub struct NewIssue {
    pub list: MailingListId,
    pub subject: String,
    pub body: String,
    pub deliveries: Vec<Delivery>,
    pub by: AccountId,
    pub at: Timestamp,
}

/// One subscriber's email of an issue, with its unsubscribe link.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub subscription: SubscriptionId,
    /// The hash of the secret in the email's unsubscribe link.
    pub unsubscribe: TokenHash,
    pub email: NewJob,
}

/// What sending an issue did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentIssue {
    pub id: IssueId,
    pub recipients: i64,
}

/// The public subscription form: one `lists` per list ticked.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SubscriptionInput {
    pub email: String,
    pub language: String,
    #[serde(default)]
    pub lists: Vec<String>,
}

/// The public lists, by name, for the subscription form.
pub async fn lists(ctx: &Context<'_, dyn Storage>) -> Result<Vec<MailingList>, FlowError> {
    Ok(ctx.store.mailing_lists().await?)
}

/// Records a subscription waiting for its confirmation and emails the link.
/// The caller is answered the same whatever the address already receives.
pub async fn subscribe(
    ctx: &Context<'_, dyn Storage>,
    input: &SubscriptionInput,
) -> Result<(), FlowError> {
    let mut errors = Vec::new();
    let email = keep(&mut errors, EmailAddress::parse(&input.email));
    let language = keep(&mut errors, Language::parse(&input.language));
    let all = ctx.store.mailing_lists().await?;
    let chosen = keep(&mut errors, chosen_lists(&all, &input.lists));
    let (Some(email), Some(language), Some(chosen)) = (email, language, chosen) else {
        return Err(FlowError::Invalid(errors));
    };
    let sender = Sender {
        association: &ctx.association,
        language,
    };
    let names = chosen
        .iter()
        .map(|list| list.label(language))
        .collect::<Vec<_>>()
        .join(", ");
    let secret = Secret::generate();
    let token = secret.hash();
    let link = format!("{}/newsletter/confirm/{}", ctx.base_url, secret.expose());
    let confirmation = job(
        format!("email:newsletter-confirm:{}", token.as_str()),
        sender.compose(
            &email,
            "email-newsletter-confirm",
            &[("lists", &names), ("link", &link)],
        ),
        ctx.now,
    );
    // One notice a day at most to an address that already receives the
    // lists, however often the form is sent for it.
    let day = ctx.now.0 / 86_400;
    let already = job(
        format!(
            "email:newsletter-already:{}:{day}",
            TokenHash::of(email.as_str()).as_str()
        ),
        sender.compose(&email, "email-newsletter-already", &[("lists", &names)]),
        ctx.now,
    );
    ctx.store
        .subscribe_to_newsletter(&NewSubscription {
            email,
            language,
            lists: chosen.iter().map(|list| list.id).collect(),
            token,
            expires_at: ctx.now.plus(CONFIRMATION_LIFETIME),
            confirmation,
            already,
            at: ctx.now,
        })
        .await?;
    Ok(())
}

/// The lists whose slugs were ticked: at least one, every one known.
fn chosen_lists(
    all: &[MailingList],
    ticked: &[String],
) -> Result<Vec<MailingList>, ValidationError> {
    let refused = ValidationError::new("lists", "error-newsletter-lists");
    if ticked.is_empty() {
        return Err(refused);
    }
    let mut chosen: Vec<MailingList> = Vec::new();
    for slug in ticked {
        let list = all
            .iter()
            .find(|list| list.slug.as_str() == slug.trim())
            .ok_or(refused.clone())?;
        if !chosen.iter().any(|c| c.id == list.id) {
            chosen.push(list.clone());
        }
    }
    Ok(chosen)
}

/// Uses a confirmation link: the lists it was sent for start arriving.
/// Answers those lists.
pub async fn confirm(
    ctx: &Context<'_, dyn Storage>,
    token: &str,
) -> Result<Vec<MailingList>, FlowError> {
    let confirmed = ctx
        .store
        .confirm_subscriptions(&TokenHash::of(token), ctx.now)
        .await
        .map_err(invalid_link)?;
    Ok(ctx
        .store
        .mailing_lists()
        .await?
        .into_iter()
        .filter(|list| confirmed.contains(&list.id))
        .collect())
}

/// The subscription an unsubscribe link leads to, with its list, for the
/// page that asks to confirm.
pub async fn unsubscription(
    ctx: &Context<'_, dyn Storage>,
    token: &str,
) -> Result<(Subscription, MailingList), FlowError> {
    let subscription = ctx
        .store
        .subscription_by_unsubscribe_link(&TokenHash::of(token))
        .await
        .map_err(invalid_link)?;
    let list = list_of(ctx, &subscription).await?;
    Ok((subscription, list))
}

/// Unsubscribes at once: the link is the proof, no sign-in is asked. Using
/// it again answers the same, as mail clients may repeat a one-click POST.
pub async fn unsubscribe(
    ctx: &Context<'_, dyn Storage>,
    token: &str,
) -> Result<MailingList, FlowError> {
    let subscription = ctx
        .store
        .unsubscribe(&TokenHash::of(token), ctx.now)
        .await
        .map_err(invalid_link)?;
    list_of(ctx, &subscription).await
}

async fn list_of(
    ctx: &Context<'_, dyn Storage>,
    subscription: &Subscription,
) -> Result<MailingList, FlowError> {
    ctx.store
        .mailing_lists()
        .await?
        .into_iter()
        .find(|list| list.id == subscription.list)
        .ok_or(FlowError::NotFound)
}

fn invalid_link(error: StoreError) -> FlowError {
    match error {
        StoreError::NotFound => FlowError::InvalidLink,
        other => other.into(),
    }
}

/// What the administrators' page shows: each list with its subscribers,
/// and the issues sent, newest first.
#[derive(Debug, Clone)]
pub struct Overview {
    pub lists: Vec<(MailingList, Vec<Subscription>)>,
    pub issues: Vec<Issue>,
}

pub async fn overview(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Overview, FlowError> {
    policy::check(actor, Action::ViewNewsletter)?;
    let mut lists = Vec::new();
    for list in ctx.store.mailing_lists().await? {
        let subscribers = ctx.store.subscribers(list.id).await?;
        lists.push((list, subscribers));
    }
    Ok(Overview {
        lists,
        issues: ctx.store.newsletter_issues().await?,
    })
}

/// The form creating a list.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct MailingListInput {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

pub async fn create_list(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &MailingListInput,
) -> Result<MailingListId, FlowError> {
    policy::check(actor, Action::ManageNewsletter)?;
    let by = signed_in(actor)?.id;
    let mut errors = Vec::new();
    let slug = keep(&mut errors, Slug::parse(&input.slug));
    let name = keep(
        &mut errors,
        label(
            &input.name,
            1,
            80,
            ValidationError::new("name", "error-list-name"),
        ),
    );
    let description = keep(
        &mut errors,
        label(
            &input.description,
            0,
            300,
            ValidationError::new("description", "error-list-description"),
        ),
    );
    let (Some(slug), Some(name), Some(description)) = (slug, name, description) else {
        return Err(FlowError::Invalid(errors));
    };
    ctx.store
        .create_mailing_list(&MailingListSave {
            slug,
            name,
            description,
            by,
            at: ctx.now,
        })
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("slug", "error-list-taken"),
            other => other.into(),
        })
}

/// The form writing an issue.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct IssueInput {
    /// The list's slug.
    pub list: String,
    pub subject: String,
    pub body: String,
}

/// The longest issue body, in characters.
const BODY_MAX: usize = 50_000;

/// Sends an issue to every confirmed subscriber of a list: one email job
/// each, with its own one-click unsubscribe link, all enqueued in the
/// transaction that records the issue.
pub async fn send_issue(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &IssueInput,
) -> Result<SentIssue, FlowError> {
    policy::check(actor, Action::ManageNewsletter)?;
    let by = signed_in(actor)?.id;
    let mut errors = Vec::new();
    let all = ctx.store.mailing_lists().await?;
    let list = keep(
        &mut errors,
        all.iter()
            .find(|list| list.slug.as_str() == input.list.trim())
            .cloned()
            .ok_or(ValidationError::new("list", "error-newsletter-list")),
    );
    let subject = keep(
        &mut errors,
        label(
            &input.subject,
            1,
            150,
            ValidationError::new("subject", "error-issue-subject"),
        ),
    );
    let body = keep(&mut errors, issue_body(&input.body));
    let (Some(list), Some(subject), Some(body)) = (list, subject, body) else {
        return Err(FlowError::Invalid(errors));
    };
    // Deliveries of one issue share a key of their own, so that the same
    // issue is never delivered twice to a subscriber.
    let issue_key = Secret::generate().hash();
    let issue_key = &issue_key.as_str()[..16];
    let deliveries = ctx
        .store
        .subscribers(list.id)
        .await?
        .into_iter()
        .filter(|s| s.state == SubscriptionState::Confirmed)
        .map(|subscriber| {
            let secret = Secret::generate();
            let link = format!(
                "{}/newsletter/unsubscribe/{}",
                ctx.base_url,
                secret.expose()
            );
            let sender = Sender {
                association: &ctx.association,
                language: subscriber.language,
            };
            let mut email = sender.compose(
                &subscriber.email,
                "email-newsletter-issue",
                &[
                    ("list", &list.label(subscriber.language)),
                    ("subject", &subject),
                    ("body", &body),
                    ("link", &link),
                ],
            );
            email.list_unsubscribe = Some(link);
            Delivery {
                subscription: subscriber.id,
                unsubscribe: secret.hash(),
                email: job(
                    format!("email:newsletter:{issue_key}:{}", subscriber.id.0),
                    email,
                    ctx.now,
                ),
            }
        })
        .collect();
    Ok(ctx
        .store
        .send_newsletter_issue(&NewIssue {
            list: list.id,
            subject,
            body,
            deliveries,
            by,
            at: ctx.now,
        })
        .await?)
}

fn issue_body(input: &str) -> Result<String, ValidationError> {
    let refused = ValidationError::new("body", "error-issue-body");
    let body =
        crate::register::people::text(input, BODY_MAX, "body").map_err(|_| refused.clone())?;
    if body.is_empty() {
        return Err(refused);
    }
    Ok(body)
}

fn job(key: String, email: OutgoingEmail, now: Timestamp) -> NewJob {
    NewJob::new(key, email, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(id: i64, slug: &str) -> MailingList {
        MailingList {
            id: MailingListId(id),
            slug: Slug::parse(slug).unwrap(),
            name: slug.to_owned(),
            description: String::new(),
            subscribers: 0,
        }
    }

    fn check(ticked: &[&str], expected: Option<&[i64]>) {
        let all = [list(1, "general"), list(2, "developers")];
        let ticked: Vec<String> = ticked.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(
            chosen_lists(&all, &ticked)
                .ok()
                .map(|lists| lists.iter().map(|l| l.id.0).collect::<Vec<_>>()),
            expected.map(<[i64]>::to_vec),
            "{ticked:?}"
        );
    }

    #[test]
    fn takes_known_lists_once_and_at_least_one() {
        check(&["general"], Some(&[1]));
        check(&["developers", "general", "developers"], Some(&[2, 1]));
        check(&[], None);
        check(&["general", "secret-list"], None);
    }

    #[test]
    fn names_cercles_own_lists_in_the_readers_language() {
        let general = list(1, "general");
        assert_eq!(general.label(Language::Fr), "Lettre d'information générale");
        assert_eq!(general.label(Language::En), "General newsletter");
        assert_eq!(list(2, "developers").label(Language::Fr), "developers");
    }
}

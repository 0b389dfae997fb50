//! Accounts: setup, confirmation, passwords, sessions, tokens, deletion, roles and the audit log.

use super::*;

behaviours!(
    sets_up_the_instance_once,
    refuses_a_second_account_for_an_email,
    confirms_an_email_once,
    refuses_expired_or_misdirected_confirmation_tokens,
    resends_a_confirmation,
    resets_a_password_and_ends_every_session,
    changes_a_password_keeping_only_the_current_session,
    updates_a_profile,
    expires_and_deletes_sessions,
    deletes_an_account_with_everything_it_owns,
    manages_api_tokens,
    lists_the_audit_log_newest_first,
    replaces_roles_and_audits_the_change,
);

async fn sets_up_the_instance_once(store: &dyn Store) {
    assert_eq!(store.association().await.unwrap(), None);
    let setup = instance_setup("admin@asso.fr");
    let admin = store.set_up_instance(&setup).await.unwrap();

    assert_eq!(
        store.association().await.unwrap(),
        Some(setup.association.clone())
    );
    let account = store.account(admin).await.unwrap();
    assert_eq!(account.roles, vec![Role::Administrator]);
    assert_eq!(account.email, email("admin@asso.fr"));
    assert!(
        store
            .credentials(&email("admin@asso.fr"))
            .await
            .unwrap()
            .email_confirmed
    );

    let again = store
        .set_up_instance(&instance_setup("other@asso.fr"))
        .await;
    assert!(matches!(again, Err(StoreError::Conflict)), "{again:?}");
    assert!(matches!(
        store.account_by_email(&email("other@asso.fr")).await,
        Err(StoreError::NotFound)
    ));

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].action, AuditAction::InstanceSetUp.as_str());
    assert_eq!(log[0].actor, Some(admin));
    assert_eq!(log[0].subject, "association");
    assert_eq!(log[0].at, NOW);
}

async fn refuses_a_second_account_for_an_email(store: &dyn Store) {
    let first = store
        .create_account(&confirmed_account("cecile@asso.fr"))
        .await
        .unwrap();
    let (duplicate, token) = pending_account("Cecile@Asso.fr", "dup");
    let refused = store.create_account(&duplicate).await;
    assert!(matches!(refused, Err(StoreError::Conflict)), "{refused:?}");

    assert_eq!(
        store
            .account_by_email(&email("cecile@asso.fr"))
            .await
            .unwrap()
            .id,
        first
    );
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        0,
        "the refused account's email is not queued"
    );
    assert!(matches!(
        store.confirm_email(&token, NOW).await,
        Err(StoreError::NotFound)
    ));
    let created = store.audit_log(10).await.unwrap();
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(created[0].subject, format!("account:{first}"));
}

async fn confirms_an_email_once(store: &dyn Store) {
    let (account, token) = pending_account("new@asso.fr", "signup");
    let id = store.create_account(&account).await.unwrap();
    assert!(
        !store
            .credentials(&email("new@asso.fr"))
            .await
            .unwrap()
            .email_confirmed
    );
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        1,
        "the confirmation email is queued"
    );

    assert_eq!(store.confirm_email(&token, NOW).await.unwrap(), id);
    assert!(
        store
            .credentials(&email("new@asso.fr"))
            .await
            .unwrap()
            .email_confirmed
    );
    assert!(matches!(
        store.confirm_email(&token, NOW).await,
        Err(StoreError::NotFound)
    ));

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        actions(&log),
        ["account.email_confirmed", "account.created"]
    );
    assert_eq!(log[0].actor, Some(id));
}

async fn refuses_expired_or_misdirected_confirmation_tokens(store: &dyn Store) {
    let (account, token) = pending_account("late@asso.fr", "late");
    let id = store.create_account(&account).await.unwrap();
    let expires_at = email_token(&token, EmailTokenPurpose::ConfirmEmail).expires_at;
    assert!(matches!(
        store.confirm_email(&token, expires_at).await,
        Err(StoreError::NotFound)
    ));

    let reset = hash("reset-not-confirm");
    store
        .request_password_reset(&reset_request(id, &reset, "reset-1"))
        .await
        .unwrap();
    assert!(matches!(
        store.confirm_email(&reset, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        !store
            .credentials(&email("late@asso.fr"))
            .await
            .unwrap()
            .email_confirmed
    );

    let just_in_time = Timestamp(expires_at.0 - 1);
    assert_eq!(store.confirm_email(&token, just_in_time).await.unwrap(), id);
}

async fn resends_a_confirmation(store: &dyn Store) {
    let (account, first) = pending_account("slow@asso.fr", "first");
    let id = store.create_account(&account).await.unwrap();
    let second = hash("second");
    store
        .resend_confirmation(
            id,
            &email_token(&second, EmailTokenPurpose::ConfirmEmail),
            &email_job("second"),
        )
        .await
        .unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), 2);
    assert_eq!(store.confirm_email(&second, NOW).await.unwrap(), id);
    assert!(
        store
            .credentials(&email("slow@asso.fr"))
            .await
            .unwrap()
            .email_confirmed
    );
    assert_eq!(
        store.confirm_email(&first, NOW).await.unwrap(),
        id,
        "an earlier link still works once"
    );
}

async fn resets_a_password_and_ends_every_session(store: &dyn Store) {
    let (account, _) = pending_account("forgot@asso.fr", "signup");
    let id = store.create_account(&account).await.unwrap();
    for name in ["phone", "laptop"] {
        store.create_session(&session(id, name)).await.unwrap();
    }
    let token = hash("reset");
    store
        .request_password_reset(&reset_request(id, &token, "reset"))
        .await
        .unwrap();
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        2,
        "confirmation and reset emails"
    );

    let reset = PasswordReset {
        token: token.clone(),
        new_hash: password_hash("new"),
        at: NOW,
    };
    assert_eq!(store.reset_password(&reset).await.unwrap(), id);

    let credentials = store.credentials(&email("forgot@asso.fr")).await.unwrap();
    assert_eq!(credentials.password_hash, password_hash("new"));
    assert!(
        credentials.email_confirmed,
        "the reset link proved the inbox"
    );
    for name in ["phone", "laptop"] {
        assert!(matches!(
            store.session_account(&hash(name), NOW).await,
            Err(StoreError::NotFound)
        ));
    }
    assert!(
        matches!(
            store.reset_password(&reset).await,
            Err(StoreError::NotFound)
        ),
        "single use"
    );

    let late = hash("late-reset");
    store
        .request_password_reset(&reset_request(id, &late, "late"))
        .await
        .unwrap();
    let expired = PasswordReset {
        token: late.clone(),
        new_hash: password_hash("newer"),
        at: email_token(&late, EmailTokenPurpose::ResetPassword).expires_at,
    };
    assert!(matches!(
        store.reset_password(&expired).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .credentials(&email("forgot@asso.fr"))
            .await
            .unwrap()
            .password_hash,
        password_hash("new")
    );
    assert_eq!(
        store.audit_log(1).await.unwrap()[0].action,
        AuditAction::PasswordReset.as_str()
    );
}

async fn changes_a_password_keeping_only_the_current_session(store: &dyn Store) {
    let id = store
        .create_account(&confirmed_account("careful@asso.fr"))
        .await
        .unwrap();
    let other = store
        .create_account(&confirmed_account("other@asso.fr"))
        .await
        .unwrap();
    for name in ["current", "phone", "laptop"] {
        store.create_session(&session(id, name)).await.unwrap();
    }
    store
        .create_session(&session(other, "other"))
        .await
        .unwrap();

    let change = PasswordChange {
        account: id,
        new_hash: password_hash("changed"),
        keep_session: hash("current"),
        notice: email_job("changed-notice"),
        at: NOW,
    };
    store.change_password(&change).await.unwrap();

    assert_eq!(
        store
            .session_account(&hash("current"), NOW)
            .await
            .unwrap()
            .id,
        id
    );
    for name in ["phone", "laptop"] {
        assert!(matches!(
            store.session_account(&hash(name), NOW).await,
            Err(StoreError::NotFound)
        ));
    }
    assert_eq!(
        store.session_account(&hash("other"), NOW).await.unwrap().id,
        other
    );
    assert_eq!(
        store
            .credentials(&email("careful@asso.fr"))
            .await
            .unwrap()
            .password_hash,
        password_hash("changed")
    );
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        1,
        "the notice is queued"
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(
        (log[0].action.as_str(), log[0].actor),
        (AuditAction::PasswordChanged.as_str(), Some(id))
    );

    let gone = PasswordChange {
        account: AccountId(id.0 + 1000),
        ..change
    };
    assert!(matches!(
        store.change_password(&gone).await,
        Err(StoreError::NotFound)
    ));
}

async fn updates_a_profile(store: &dyn Store) {
    let id = store
        .create_account(&confirmed_account("maelle@example.org"))
        .await
        .unwrap();
    let update = ProfileUpdate {
        account: id,
        display_name: DisplayName::parse("Maëlle Durand-Le Goff").unwrap(),
        language: Language::En,
        at: NOW,
    };
    store.update_profile(&update).await.unwrap();
    let account = store.account(id).await.unwrap();
    assert_eq!(account.display_name.as_str(), "Maëlle Durand-Le Goff");
    assert_eq!(account.language, Language::En);
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["account.profile_updated"]
    );

    let missing = ProfileUpdate {
        account: AccountId(id.0 + 1000),
        ..update
    };
    assert!(matches!(
        store.update_profile(&missing).await,
        Err(StoreError::NotFound)
    ));
}

async fn expires_and_deletes_sessions(store: &dyn Store) {
    let id = store
        .create_account(&confirmed_account("visitor@asso.fr"))
        .await
        .unwrap();
    let browser = session(id, "browser");
    store.create_session(&browser).await.unwrap();
    assert!(matches!(
        store.create_session(&browser).await,
        Err(StoreError::Conflict)
    ));

    let before_expiry = Timestamp(browser.expires_at.0 - 1);
    assert_eq!(
        store
            .session_account(&browser.hash, before_expiry)
            .await
            .unwrap()
            .email,
        email("visitor@asso.fr")
    );
    assert!(matches!(
        store
            .session_account(&browser.hash, browser.expires_at)
            .await,
        Err(StoreError::NotFound)
    ));

    store.delete_session(&browser.hash).await.unwrap();
    assert!(matches!(
        store.session_account(&browser.hash, NOW).await,
        Err(StoreError::NotFound)
    ));
    store.delete_session(&browser.hash).await.unwrap();
}

async fn deletes_an_account_with_everything_it_owns(store: &dyn Store) {
    let id = store
        .create_account(&confirmed_account("leaving@asso.fr"))
        .await
        .unwrap();
    store.create_session(&session(id, "browser")).await.unwrap();
    let token = api_token(id, "ci", ApiTokenScope::Read);
    store.create_api_token(&token).await.unwrap();

    store.delete_account(id, NOW).await.unwrap();

    assert!(matches!(store.account(id).await, Err(StoreError::NotFound)));
    assert!(matches!(
        store.account_by_email(&email("leaving@asso.fr")).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.credentials(&email("leaving@asso.fr")).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.session_account(&hash("browser"), NOW).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.api_token_account(&token.hash, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_account(id, NOW).await,
        Err(StoreError::NotFound)
    ));

    let log = store.audit_log(1).await.unwrap();
    assert_eq!(log[0].action, AuditAction::AccountDeleted.as_str());
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(id), format!("account:{id}").as_str())
    );
    store
        .create_account(&confirmed_account("leaving@asso.fr"))
        .await
        .unwrap();
}

async fn manages_api_tokens(store: &dyn Store) {
    let owner = store
        .create_account(&confirmed_account("owner@asso.fr"))
        .await
        .unwrap();
    let stranger = store
        .create_account(&confirmed_account("stranger@asso.fr"))
        .await
        .unwrap();
    let read = api_token(owner, "read", ApiTokenScope::Read);
    let write = api_token(owner, "write", ApiTokenScope::ReadWrite);
    let read_id = store.create_api_token(&read).await.unwrap();
    let write_id = store.create_api_token(&write).await.unwrap();
    assert!(matches!(
        store.create_api_token(&read).await,
        Err(StoreError::Conflict)
    ));

    let listed = store.api_tokens(owner).await.unwrap();
    assert_eq!(
        listed.iter().map(|token| token.id).collect::<Vec<_>>(),
        [read_id, write_id]
    );
    assert_eq!(listed[1].name.as_str(), "write");
    assert_eq!(listed[1].scope, ApiTokenScope::ReadWrite);
    assert_eq!((listed[0].created_at, listed[0].last_used_at), (NOW, None));
    assert!(store.api_tokens(stranger).await.unwrap().is_empty());

    let (account, scope) = store.api_token_account(&write.hash, NOW).await.unwrap();
    assert_eq!((account.id, scope), (owner, ApiTokenScope::ReadWrite));
    assert_eq!(last_used(store, owner, write_id).await, Some(NOW));
    store
        .api_token_account(&write.hash, Timestamp(NOW.0 + 30))
        .await
        .unwrap();
    assert_eq!(
        last_used(store, owner, write_id).await,
        Some(NOW),
        "a use within a minute is not written"
    );
    store
        .api_token_account(&write.hash, Timestamp(NOW.0 + 61))
        .await
        .unwrap();
    assert_eq!(
        last_used(store, owner, write_id).await,
        Some(Timestamp(NOW.0 + 61))
    );

    let refused = store.revoke_api_token(stranger, read_id, NOW).await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    assert_eq!(
        store.api_token_account(&read.hash, NOW).await.unwrap().1,
        ApiTokenScope::Read
    );

    store.revoke_api_token(owner, read_id, NOW).await.unwrap();
    assert!(matches!(
        store.api_token_account(&read.hash, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.revoke_api_token(owner, read_id, NOW).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "api_token.revoked",
            "api_token.created",
            "api_token.created",
            "account.created",
            "account.created"
        ]
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(owner), format!("api_token:{}", read_id.0).as_str())
    );
}

async fn lists_the_audit_log_newest_first(store: &dyn Store) {
    let mut ids = Vec::new();
    for (index, address) in ["a@asso.fr", "b@asso.fr", "c@asso.fr"]
        .into_iter()
        .enumerate()
    {
        let account = NewAccount {
            at: Timestamp(NOW.0 + i64::try_from(index).unwrap()),
            ..confirmed_account(address)
        };
        ids.push(store.create_account(&account).await.unwrap());
    }
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(log.len(), 2, "the limit holds");
    assert_eq!(
        log.iter().map(|entry| entry.actor).collect::<Vec<_>>(),
        [Some(ids[2]), Some(ids[1])]
    );
    assert_eq!(log[0].at, Timestamp(NOW.0 + 2));
    assert_eq!(store.audit_log(100).await.unwrap().len(), 3);
}

async fn replaces_roles_and_audits_the_change(store: &dyn Store) {
    let admin = store
        .set_up_instance(&instance_setup("admin@asso.fr"))
        .await
        .unwrap();
    let member = person(store, "yann@asso.fr", "Yann").await;
    let change = RolesChange {
        account: member,
        roles: vec![Role::Treasurer, Role::BureauMember, Role::Treasurer],
        by: admin,
        at: NOW,
    };
    store.set_roles(&change).await.unwrap();
    assert_eq!(
        store.account(member).await.unwrap().roles,
        [Role::BureauMember, Role::Treasurer]
    );

    store
        .set_roles(&RolesChange {
            roles: vec![Role::Moderator],
            ..change.clone()
        })
        .await
        .unwrap();
    assert_eq!(
        store.account(member).await.unwrap().roles,
        [Role::Moderator]
    );
    assert_eq!(
        store.account(admin).await.unwrap().roles,
        [Role::Administrator],
        "only the account's roles change"
    );
    store
        .set_roles(&RolesChange {
            roles: Vec::new(),
            ..change.clone()
        })
        .await
        .unwrap();
    assert!(store.account(member).await.unwrap().roles.is_empty());

    let missing = store
        .set_roles(&RolesChange {
            account: AccountId(member.0 + 1000),
            ..change
        })
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        actions(&log[..3]),
        ["account.roles_changed"; 3],
        "the refused change is not logged"
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), format!("account:{member}").as_str())
    );
}

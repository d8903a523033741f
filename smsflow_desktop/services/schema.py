"""The workspace database schema, as an ordered list of migrations.

``PRAGMA user_version`` holds the schema version; :func:`migrate` applies every migration
above it in one transaction each, so a workspace made by an older release opens in a newer
one. Never edit a released migration: append a new one.

Indexes are chosen for workspaces of a million people: the audience queries join people
to Vibes memberships on the E.164 number and look up suppressed numbers, so both have
their own (partial) indexes.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: people, lists, messages, campaigns, the Vibes mirror, settings
    """
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE people (
        id                  INTEGER PRIMARY KEY,
        external_id         TEXT UNIQUE,
        first_name          TEXT NOT NULL DEFAULT '',
        last_name           TEXT NOT NULL DEFAULT '',
        email               TEXT NOT NULL DEFAULT '',
        phone_raw           TEXT NOT NULL DEFAULT '',
        phone_e164          TEXT,
        phone_valid         INTEGER NOT NULL DEFAULT 0,
        country             TEXT NOT NULL DEFAULT '',
        state               TEXT NOT NULL DEFAULT '',
        city                TEXT NOT NULL DEFAULT '',
        postal_code         TEXT NOT NULL DEFAULT '',
        time_zone           TEXT NOT NULL DEFAULT '',
        blocklisted         INTEGER NOT NULL DEFAULT 0,
        unsubscribed        INTEGER NOT NULL DEFAULT 0,
        marketing_suspended INTEGER NOT NULL DEFAULT 0,
        custom_fields       TEXT NOT NULL DEFAULT '{}',
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
    );
    CREATE INDEX people_phone ON people(phone_e164) WHERE phone_e164 IS NOT NULL;
    CREATE INDEX people_suppressed_phone ON people(phone_e164)
        WHERE phone_e164 IS NOT NULL AND (blocklisted = 1 OR unsubscribed = 1);
    CREATE INDEX people_country ON people(country);
    CREATE INDEX people_email ON people(email COLLATE NOCASE);
    CREATE INDEX people_last_name ON people(last_name COLLATE NOCASE);

    CREATE TABLE static_lists (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE static_list_members (
        list_id   INTEGER NOT NULL REFERENCES static_lists(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        PRIMARY KEY (list_id, person_id)
    ) WITHOUT ROWID;
    CREATE INDEX static_list_members_person ON static_list_members(person_id);

    CREATE TABLE sms_messages (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        body       TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE campaigns (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        document   TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );

    CREATE TABLE vibes_lists (
        id        TEXT PRIMARY KEY,
        name      TEXT NOT NULL,
        synced_at TEXT
    );
    CREATE TABLE vibes_acquisition_campaigns (
        id          TEXT PRIMARY KEY,
        description TEXT NOT NULL DEFAULT '',
        status      TEXT NOT NULL DEFAULT 'active',
        keywords    TEXT NOT NULL DEFAULT '[]',
        synced_at   TEXT
    );
    CREATE TABLE vibes_acquisition_lists (
        acquisition_id TEXT NOT NULL REFERENCES vibes_acquisition_campaigns(id) ON DELETE CASCADE,
        list_id        TEXT NOT NULL,
        PRIMARY KEY (acquisition_id, list_id)
    ) WITHOUT ROWID;
    CREATE TABLE vibes_memberships (
        list_id            TEXT NOT NULL,
        mdn                TEXT NOT NULL,
        person_key         TEXT,
        external_person_id TEXT,
        active             INTEGER NOT NULL DEFAULT 1,
        opt_in_date        TEXT,
        opt_out_date       TEXT,
        opt_out_reason     TEXT,
        updated_at         TEXT NOT NULL,
        PRIMARY KEY (list_id, mdn)
    ) WITHOUT ROWID;
    CREATE INDEX vibes_memberships_mdn ON vibes_memberships(mdn, list_id);
    """,
    # 2: runs, their ledger and activity log, qualification history, Vibes message ids,
    #    pending opt-ins and the callback de-duplication record
    """
    CREATE TABLE runs (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        campaign_id   INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
        campaign_name TEXT NOT NULL,
        status        TEXT NOT NULL,
        dry_run       INTEGER NOT NULL DEFAULT 0,
        snapshot      TEXT NOT NULL,
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        owner_pid     INTEGER,
        heartbeat_at  TEXT,
        error         TEXT
    );
    CREATE INDEX runs_campaign ON runs(campaign_name, started_at);

    CREATE TABLE ledger (
        run_id         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step_index     INTEGER NOT NULL,
        person_id      INTEGER NOT NULL,
        mdn            TEXT,
        action         TEXT NOT NULL,
        message_name   TEXT,
        vibes_list_id  TEXT,
        acquisition_id TEXT,
        state          TEXT NOT NULL,
        reason         TEXT,
        event_id       TEXT,
        attempts       INTEGER NOT NULL DEFAULT 0,
        due_at         TEXT,
        sent_at        TEXT,
        updated_at     TEXT NOT NULL,
        PRIMARY KEY (run_id, step_index, person_id)
    ) WITHOUT ROWID;
    CREATE INDEX ledger_work ON ledger(run_id, state, due_at);
    CREATE INDEX ledger_sent_mdn ON ledger(mdn, sent_at) WHERE sent_at IS NOT NULL;

    CREATE TABLE activity (
        id          INTEGER PRIMARY KEY,
        run_id      INTEGER REFERENCES runs(id) ON DELETE CASCADE,
        at          TEXT NOT NULL,
        person_id   INTEGER,
        mdn         TEXT,
        step_index  INTEGER,
        type        TEXT NOT NULL,
        detail      TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX activity_run ON activity(run_id, id);
    CREATE INDEX activity_person ON activity(person_id, id);
    CREATE INDEX activity_mdn ON activity(mdn, id);

    CREATE TABLE campaign_entries (
        campaign_name   TEXT NOT NULL,
        person_id       INTEGER NOT NULL,
        last_entered_at TEXT NOT NULL,
        run_id          INTEGER,
        PRIMARY KEY (campaign_name, person_id)
    ) WITHOUT ROWID;

    CREATE TABLE vibes_event_messages (
        campaign_name TEXT NOT NULL,
        step_id       TEXT NOT NULL,
        message_name  TEXT NOT NULL,
        vibes_list_id TEXT NOT NULL,
        etm_id        TEXT NOT NULL,
        event_type    TEXT NOT NULL,
        PRIMARY KEY (campaign_name, step_id, message_name, vibes_list_id)
    ) WITHOUT ROWID;

    CREATE TABLE vibes_participants (
        acquisition_id     TEXT NOT NULL,
        mdn                TEXT NOT NULL,
        status             TEXT NOT NULL,
        participation_date TEXT,
        expire_date        TEXT,
        updated_at         TEXT NOT NULL,
        PRIMARY KEY (acquisition_id, mdn)
    ) WITHOUT ROWID;

    CREATE TABLE callbacks_seen (
        key         TEXT PRIMARY KEY,
        received_at TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 3: the campaign engine: each number's time zone (resolving one with phonenumbers is slow,
    #    so previews and runs keep what they found), and ledger lookups by person and by number
    """
    CREATE TABLE phone_time_zones (
        mdn          TEXT PRIMARY KEY,
        zone         TEXT NOT NULL,
        data_version TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX ledger_person ON ledger(run_id, person_id, step_index);
    CREATE INDEX ledger_step_mdn ON ledger(run_id, step_index, mdn);
    """,
    # 4: small partial indexes so a workspace's counts (people without a valid number,
    #    blocklisted, unsubscribed, suspended) read a few pages instead of the whole table;
    #    a first-name index for people search
    """
    CREATE INDEX people_no_valid_phone ON people(phone_valid, phone_raw) WHERE phone_valid = 0;
    CREATE INDEX people_blocklisted ON people(blocklisted) WHERE blocklisted = 1;
    CREATE INDEX people_unsubscribed ON people(unsubscribed) WHERE unsubscribed = 1;
    CREATE INDEX people_marketing_suspended ON people(marketing_suspended) WHERE marketing_suspended = 1;
    CREATE INDEX people_first_name ON people(first_name COLLATE NOCASE);
    """,
    # 5: the names of the custom person fields in use, kept by triggers, so validating a
    #    campaign need not read every person's custom fields (the triggers test for the name
    #    rather than INSERT OR IGNORE: an outer upsert's conflict handling would override it)
    """
    CREATE TABLE custom_fields (
        name TEXT PRIMARY KEY
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO custom_fields(name)
        SELECT DISTINCT j.key FROM people, json_each(people.custom_fields) AS j
        WHERE people.custom_fields != '{}';
    CREATE TRIGGER people_custom_fields_added AFTER INSERT ON people
        WHEN NEW.custom_fields != '{}'
    BEGIN
        INSERT INTO custom_fields(name) SELECT DISTINCT j.key FROM json_each(NEW.custom_fields) AS j
            WHERE NOT EXISTS (SELECT 1 FROM custom_fields c WHERE c.name = j.key);
    END;
    CREATE TRIGGER people_custom_fields_changed AFTER UPDATE OF custom_fields ON people
        WHEN NEW.custom_fields != '{}' AND NEW.custom_fields != OLD.custom_fields
    BEGIN
        INSERT INTO custom_fields(name) SELECT DISTINCT j.key FROM json_each(NEW.custom_fields) AS j
            WHERE NOT EXISTS (SELECT 1 FROM custom_fields c WHERE c.name = j.key);
    END;
    """,
    # 6: numbers that said STOP. Every writer of the Vibes mirror (callbacks, extract imports,
    #    runs, the embedded emulator) feeds it through triggers, so no path can forget one; only
    #    a later opt-in to some list lifts it. Receipts find their ledger row by event id, and
    #    a routing answer that arrives before the runner wrote the send's own answer waits in
    #    ``routing`` so the runner cannot record a refused text as sent. The embedded emulator's
    #    logs are read into the workspace from ``emulator_feed``'s positions.
    """
    CREATE TABLE number_opt_outs (
        mdn          TEXT PRIMARY KEY,
        opted_out_at TEXT NOT NULL,
        reason       TEXT NOT NULL,
        list_id      TEXT,
        learned_at   TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO number_opt_outs(mdn, opted_out_at, reason, list_id, learned_at)
        SELECT mdn, coalesce(opt_out_date, updated_at), lower(opt_out_reason), list_id, updated_at
        FROM vibes_memberships
        WHERE active = 0 AND lower(opt_out_reason) IN ('user_opt_out', 'keyword_opt_out', 'button_opt_out')
        ORDER BY coalesce(opt_out_date, updated_at) DESC;
    DELETE FROM number_opt_outs WHERE EXISTS (
        SELECT 1 FROM vibes_memberships m WHERE m.mdn = number_opt_outs.mdn AND m.active = 1
        AND julianday(m.opt_in_date) >= julianday(number_opt_outs.opted_out_at));
    CREATE TRIGGER vibes_membership_stop_added AFTER INSERT ON vibes_memberships
        WHEN NEW.active = 0 AND lower(NEW.opt_out_reason) IN ('user_opt_out', 'keyword_opt_out', 'button_opt_out')
    BEGIN
        INSERT INTO number_opt_outs(mdn, opted_out_at, reason, list_id, learned_at)
            VALUES (NEW.mdn, coalesce(NEW.opt_out_date, NEW.updated_at), lower(NEW.opt_out_reason), NEW.list_id,
                    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ON CONFLICT(mdn) DO NOTHING;
    END;
    CREATE TRIGGER vibes_membership_stop_changed AFTER UPDATE ON vibes_memberships
        WHEN NEW.active = 0 AND lower(NEW.opt_out_reason) IN ('user_opt_out', 'keyword_opt_out', 'button_opt_out')
    BEGIN
        INSERT INTO number_opt_outs(mdn, opted_out_at, reason, list_id, learned_at)
            VALUES (NEW.mdn, coalesce(NEW.opt_out_date, NEW.updated_at), lower(NEW.opt_out_reason), NEW.list_id,
                    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ON CONFLICT(mdn) DO NOTHING;
    END;
    CREATE TRIGGER vibes_membership_opt_in_added AFTER INSERT ON vibes_memberships WHEN NEW.active = 1
    BEGIN
        DELETE FROM number_opt_outs
            WHERE mdn = NEW.mdn AND julianday(NEW.opt_in_date) >= julianday(opted_out_at);
    END;
    CREATE TRIGGER vibes_membership_opt_in_changed AFTER UPDATE ON vibes_memberships WHEN NEW.active = 1
    BEGIN
        DELETE FROM number_opt_outs
            WHERE mdn = NEW.mdn AND julianday(NEW.opt_in_date) >= julianday(opted_out_at);
    END;
    CREATE INDEX ledger_event ON ledger(event_id) WHERE event_id IS NOT NULL;
    ALTER TABLE ledger ADD COLUMN routing TEXT;
    CREATE TABLE emulator_feed (
        name     TEXT PRIMARY KEY,
        position INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 7: campaigns that run themselves. Which campaigns are active (a trigger campaign takes in
    #    the events after ``event_cursor``), the triggers active campaigns listen for (kept from
    #    the campaign's document by a trigger, so an edit of an active campaign is heard at
    #    once), the events those triggers fire on (recorded by triggers on the tables every
    #    writer goes through, in the writer's own transaction, once: a subscription once per
    #    number, list and opt-in, a bounce once per Vibes event), and each claimed occurrence
    #    of a recurring campaign, claimed in the transaction that creates its run.
    """
    CREATE TABLE automation_campaigns (
        campaign_id  INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
        active       INTEGER NOT NULL DEFAULT 0,
        activated_at TEXT,
        event_cursor INTEGER NOT NULL DEFAULT 0,
        updated_at   TEXT NOT NULL
    );
    CREATE TABLE automation_listens (
        kind        TEXT NOT NULL,
        subject     TEXT NOT NULL DEFAULT '',
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        PRIMARY KEY (kind, subject, campaign_id)
    ) WITHOUT ROWID;
    CREATE INDEX automation_listens_campaign ON automation_listens(campaign_id);
    CREATE TABLE automation_events (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        kind      TEXT NOT NULL,
        subject   TEXT NOT NULL DEFAULT '',
        person_id INTEGER,
        mdn       TEXT,
        key       TEXT UNIQUE,
        at        TEXT NOT NULL
    );
    CREATE TABLE automation_occurrences (
        campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        scheduled_at TEXT NOT NULL,
        status       TEXT NOT NULL,
        run_id       INTEGER,
        detail       TEXT NOT NULL DEFAULT '',
        claimed_at   TEXT NOT NULL,
        PRIMARY KEY (campaign_id, scheduled_at)
    ) WITHOUT ROWID;
    CREATE TRIGGER automation_campaign_changed AFTER UPDATE OF document ON campaigns
        WHEN EXISTS (SELECT 1 FROM automation_campaigns a WHERE a.campaign_id = NEW.id AND a.active = 1)
    BEGIN
        DELETE FROM automation_listens WHERE campaign_id = NEW.id;
        INSERT INTO automation_listens(kind, subject, campaign_id)
            SELECT DISTINCT json_extract(t.value, '$.type'),
                   coalesce(json_extract(t.value, '$.vibes_list_id'), json_extract(t.value, '$.list'),
                            json_extract(t.value, '$.campaign'), ''),
                   NEW.id
            FROM json_each(CASE WHEN json_valid(NEW.document) THEN NEW.document ELSE '{}' END,
                           '$.smart_list.triggers') AS t
            WHERE json_extract(t.value, '$.type') IS NOT NULL;
    END;
    CREATE TRIGGER automation_person_created AFTER INSERT ON people
        WHEN EXISTS (SELECT 1 FROM automation_listens WHERE kind = 'person_is_created')
    BEGIN
        INSERT INTO automation_events(kind, subject, person_id, at)
            VALUES ('person_is_created', '', NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
    END;
    CREATE TRIGGER automation_added_to_list AFTER INSERT ON static_list_members
        WHEN EXISTS (SELECT 1 FROM automation_listens a JOIN static_lists s ON s.name = a.subject
                     WHERE a.kind = 'added_to_list' AND s.id = NEW.list_id)
    BEGIN
        INSERT INTO automation_events(kind, subject, person_id, at)
            SELECT 'added_to_list', s.name, NEW.person_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM static_lists s WHERE s.id = NEW.list_id;
    END;
    CREATE TRIGGER automation_subscribed AFTER INSERT ON vibes_memberships
        WHEN NEW.active = 1 AND EXISTS (SELECT 1 FROM automation_listens
                                        WHERE kind = 'subscribes_to_vibes_list' AND subject = NEW.list_id)
    BEGIN
        INSERT INTO automation_events(kind, subject, mdn, key, at)
            SELECT 'subscribes_to_vibes_list', NEW.list_id, NEW.mdn, k.key, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
            FROM (SELECT 'in:' || NEW.list_id || ':' || NEW.mdn || ':'
                         || coalesce(coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', NEW.opt_in_date), NEW.opt_in_date), 'u' || NEW.updated_at) AS key) AS k
            WHERE NOT EXISTS (SELECT 1 FROM automation_events e WHERE e.key = k.key);
    END;
    CREATE TRIGGER automation_resubscribed AFTER UPDATE ON vibes_memberships
        WHEN NEW.active = 1
         AND (OLD.active = 0 OR (OLD.opt_in_date IS NOT NULL AND NEW.opt_in_date IS NOT NULL
              AND coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', NEW.opt_in_date), NEW.opt_in_date) > coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', OLD.opt_in_date), OLD.opt_in_date)))
         AND EXISTS (SELECT 1 FROM automation_listens WHERE kind = 'subscribes_to_vibes_list' AND subject = NEW.list_id)
    BEGIN
        INSERT INTO automation_events(kind, subject, mdn, key, at)
            SELECT 'subscribes_to_vibes_list', NEW.list_id, NEW.mdn, k.key, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
            FROM (SELECT 'in:' || NEW.list_id || ':' || NEW.mdn || ':'
                         || coalesce(coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', NEW.opt_in_date), NEW.opt_in_date), 'u' || NEW.updated_at) AS key) AS k
            WHERE NOT EXISTS (SELECT 1 FROM automation_events e WHERE e.key = k.key);
    END;
    CREATE TRIGGER automation_unsubscribed AFTER INSERT ON vibes_memberships
        WHEN NEW.active = 0 AND EXISTS (SELECT 1 FROM automation_listens
                                        WHERE kind = 'unsubscribes_from_vibes_list' AND subject = NEW.list_id)
    BEGIN
        INSERT INTO automation_events(kind, subject, mdn, key, at)
            SELECT 'unsubscribes_from_vibes_list', NEW.list_id, NEW.mdn, k.key, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
            FROM (SELECT 'out:' || NEW.list_id || ':' || NEW.mdn || ':'
                         || coalesce(coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', NEW.opt_out_date), NEW.opt_out_date), 'u' || NEW.updated_at) AS key) AS k
            WHERE NOT EXISTS (SELECT 1 FROM automation_events e WHERE e.key = k.key);
    END;
    CREATE TRIGGER automation_subscription_ended AFTER UPDATE ON vibes_memberships
        WHEN OLD.active = 1 AND NEW.active = 0
         AND EXISTS (SELECT 1 FROM automation_listens
                     WHERE kind = 'unsubscribes_from_vibes_list' AND subject = NEW.list_id)
    BEGIN
        INSERT INTO automation_events(kind, subject, mdn, key, at)
            SELECT 'unsubscribes_from_vibes_list', NEW.list_id, NEW.mdn, k.key, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
            FROM (SELECT 'out:' || NEW.list_id || ':' || NEW.mdn || ':'
                         || coalesce(coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', NEW.opt_out_date), NEW.opt_out_date), 'u' || NEW.updated_at) AS key) AS k
            WHERE NOT EXISTS (SELECT 1 FROM automation_events e WHERE e.key = k.key);
    END;
    CREATE TRIGGER automation_sms_bounced AFTER INSERT ON activity
        WHEN NEW.type IN ('SMS Routing Failed', 'SMS Undeliverable') AND NEW.mdn IS NOT NULL
         AND EXISTS (SELECT 1 FROM automation_listens l WHERE l.kind = 'sms_bounces'
                     AND (l.subject = '' OR l.subject = (SELECT r.campaign_name FROM runs r WHERE r.id = NEW.run_id)))
    BEGIN
        INSERT INTO automation_events(kind, subject, mdn, key, at)
            SELECT 'sms_bounces', coalesce((SELECT r.campaign_name FROM runs r WHERE r.id = NEW.run_id), ''),
                   NEW.mdn, k.key, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
            FROM (SELECT 'bounce:' || coalesce(CASE WHEN json_valid(NEW.detail)
                                                    THEN json_extract(NEW.detail, '$.event_id') END,
                                               'activity ' || NEW.id) AS key) AS k
            WHERE NOT EXISTS (SELECT 1 FROM automation_events e WHERE e.key = k.key);
    END;
    """,
    # 8: the agent looks for unfinished runs on every pass; a small partial index finds them
    #    without reading the snapshots of every finished run
    """
    CREATE INDEX runs_unfinished ON runs(status) WHERE status IN ('running', 'waiting', 'paused', 'failed');
    """,
    # 9: consent on record (services/consent.py). The append-only consent log, written by
    #     triggers on every table that holds consent (memberships, pending opt-ins, people's
    #     flags) with the source and proof the writer put in ``consent_context`` for the length
    #     of its transaction; guards that refuse deleting or changing an entry (an erasure may
    #     only replace an entry's number by its hash); the hashes of erased numbers, which are
    #     never texted again; the salt of those hashes; and one ``existing`` entry for each
    #     membership, pending opt-in and flag the workspace held before.
    """
    CREATE TABLE consent_log (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        at             TEXT NOT NULL,
        learned_at     TEXT NOT NULL,
        mdn            TEXT,
        number_hash    TEXT,
        list_id        TEXT,
        acquisition_id TEXT,
        person_id      INTEGER,
        event          TEXT NOT NULL,
        source         TEXT NOT NULL,
        proof          TEXT NOT NULL DEFAULT '',
        reason         TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX consent_log_mdn ON consent_log(mdn) WHERE mdn IS NOT NULL;
    CREATE INDEX consent_log_hash ON consent_log(number_hash) WHERE number_hash IS NOT NULL;
    CREATE INDEX consent_log_person ON consent_log(person_id) WHERE person_id IS NOT NULL;
    CREATE INDEX consent_log_at ON consent_log(at);
    CREATE TABLE consent_context (
        key          TEXT PRIMARY KEY,
        source       TEXT NOT NULL,
        proof        TEXT NOT NULL DEFAULT '',
        opt_in_event TEXT,
        learned_at   TEXT
    ) WITHOUT ROWID;
    CREATE TABLE erased_numbers (
        number_hash TEXT PRIMARY KEY,
        erased_at   TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO settings(key, value) VALUES ('consent.number_salt', lower(hex(randomblob(32))))
        ON CONFLICT(key) DO NOTHING;

    INSERT INTO consent_log(at, learned_at, mdn, list_id, event, source, proof, reason)
        SELECT coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', d.at), d.at), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
               d.mdn, d.list_id, d.event, 'existing', 'present before the consent log', d.reason
        FROM (SELECT mdn, list_id,
                     CASE WHEN active = 1 THEN coalesce(opt_in_date, updated_at)
                          ELSE coalesce(opt_out_date, updated_at) END AS at,
                     CASE WHEN active = 1 THEN 'opt_in' ELSE 'opt_out' END AS event,
                     CASE WHEN active = 1 THEN '' ELSE coalesce(opt_out_reason, '') END AS reason
              FROM vibes_memberships) AS d
        ORDER BY 1;
    INSERT INTO consent_log(at, learned_at, mdn, acquisition_id, event, source, proof, reason)
        SELECT coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', coalesce(participation_date, updated_at)),
                        coalesce(participation_date, updated_at)),
               strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), mdn, acquisition_id,
               CASE upper(status) WHEN 'PENDING' THEN 'confirmation_requested' WHEN 'CONFIRMED' THEN 'confirmed'
                                  WHEN 'REJECTED' THEN 'declined' ELSE 'confirmation_expired' END,
               'existing', 'present before the consent log', upper(status)
        FROM vibes_participants WHERE upper(status) IN ('PENDING', 'CONFIRMED', 'REJECTED', 'EXPIRED')
        ORDER BY 1;
    INSERT INTO consent_log(at, learned_at, mdn, person_id, event, source, proof)
        SELECT p.updated_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), p.phone_e164, p.id, f.event,
               'existing', 'present before the consent log'
        FROM people p JOIN (SELECT 'blocklisted' AS event UNION ALL SELECT 'unsubscribed'
                            UNION ALL SELECT 'marketing_suspended') AS f
          ON (f.event = 'blocklisted' AND p.blocklisted = 1) OR (f.event = 'unsubscribed' AND p.unsubscribed = 1)
          OR (f.event = 'marketing_suspended' AND p.marketing_suspended = 1)
        WHERE p.blocklisted = 1 OR p.unsubscribed = 1 OR p.marketing_suspended = 1
        ORDER BY p.id;

    CREATE TRIGGER consent_log_kept BEFORE DELETE ON consent_log
    BEGIN
        SELECT RAISE(ABORT, 'the consent log is append-only: its entries are never deleted');
    END;
    CREATE TRIGGER consent_log_unchanged BEFORE UPDATE ON consent_log
        WHEN NOT (OLD.mdn IS NOT NULL AND NEW.mdn IS NULL AND OLD.number_hash IS NULL AND NEW.number_hash IS NOT NULL
                  AND NEW.id = OLD.id AND NEW.at IS OLD.at AND NEW.learned_at IS OLD.learned_at
                  AND NEW.list_id IS OLD.list_id AND NEW.acquisition_id IS OLD.acquisition_id
                  AND NEW.person_id IS OLD.person_id AND NEW.event IS OLD.event AND NEW.source IS OLD.source
                  AND NEW.proof IS OLD.proof AND NEW.reason IS OLD.reason)
    BEGIN
        SELECT RAISE(ABORT, 'the consent log is append-only: an entry is never changed (an erasure only replaces its number by the number''s hash)');
    END;
    CREATE TRIGGER erased_numbers_kept BEFORE DELETE ON erased_numbers
    BEGIN
        SELECT RAISE(ABORT, 'an erased number stays never to be texted: its hash is never deleted');
    END;

    CREATE TRIGGER consent_membership_added AFTER INSERT ON vibes_memberships
    BEGIN
        INSERT INTO consent_log(at, learned_at, mdn, list_id, event, source, proof, reason)
            SELECT coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', d.at), d.at),
                   coalesce(c.learned_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), NEW.mdn, NEW.list_id,
                   CASE WHEN NEW.active = 1 THEN coalesce(c.opt_in_event, 'opt_in') ELSE 'opt_out' END,
                   coalesce(c.source, 'manual'), coalesce(c.proof, ''),
                   CASE WHEN NEW.active = 1 THEN '' ELSE coalesce(NEW.opt_out_reason, '') END
            FROM (SELECT CASE WHEN NEW.active = 1 THEN coalesce(NEW.opt_in_date, NEW.updated_at)
                              ELSE coalesce(NEW.opt_out_date, NEW.updated_at) END AS at) AS d
            LEFT JOIN (SELECT * FROM consent_context WHERE key IN ('', 'm:' || NEW.list_id || ' ' || NEW.mdn)
                       ORDER BY key DESC LIMIT 1) AS c;
    END;
    CREATE TRIGGER consent_membership_changed AFTER UPDATE ON vibes_memberships
        WHEN NEW.active IS NOT OLD.active
          OR (NEW.active = 1 AND NEW.opt_in_date IS NOT NULL AND NEW.opt_in_date IS NOT OLD.opt_in_date)
          OR (NEW.active = 0 AND (NEW.opt_out_date IS NOT OLD.opt_out_date
                                  OR NEW.opt_out_reason IS NOT OLD.opt_out_reason))
    BEGIN
        INSERT INTO consent_log(at, learned_at, mdn, list_id, event, source, proof, reason)
            SELECT coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', d.at), d.at),
                   coalesce(c.learned_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), NEW.mdn, NEW.list_id,
                   CASE WHEN NEW.active = 1 THEN coalesce(c.opt_in_event, 'opt_in') ELSE 'opt_out' END,
                   coalesce(c.source, 'manual'), coalesce(c.proof, ''),
                   CASE WHEN NEW.active = 1 THEN '' ELSE coalesce(NEW.opt_out_reason, '') END
            FROM (SELECT CASE WHEN NEW.active = 1 THEN coalesce(NEW.opt_in_date, NEW.updated_at)
                              ELSE coalesce(NEW.opt_out_date, NEW.updated_at) END AS at) AS d
            LEFT JOIN (SELECT * FROM consent_context WHERE key IN ('', 'm:' || NEW.list_id || ' ' || NEW.mdn)
                       ORDER BY key DESC LIMIT 1) AS c;
    END;
    CREATE TRIGGER consent_participant_added AFTER INSERT ON vibes_participants
        WHEN upper(NEW.status) IN ('PENDING', 'CONFIRMED', 'REJECTED', 'EXPIRED')
    BEGIN
        INSERT INTO consent_log(at, learned_at, mdn, acquisition_id, event, source, proof, reason)
            SELECT coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', NEW.updated_at), NEW.updated_at),
                   coalesce(c.learned_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), NEW.mdn, NEW.acquisition_id,
                   CASE upper(NEW.status) WHEN 'PENDING' THEN 'confirmation_requested' WHEN 'CONFIRMED' THEN 'confirmed'
                                          WHEN 'REJECTED' THEN 'declined' ELSE 'confirmation_expired' END,
                   coalesce(c.source, 'manual'), coalesce(c.proof, ''), upper(NEW.status)
            FROM (SELECT 1) AS one
            LEFT JOIN (SELECT * FROM consent_context
                       WHERE key IN ('', 'a:' || NEW.acquisition_id || ' ' || NEW.mdn)
                       ORDER BY key DESC LIMIT 1) AS c;
    END;
    CREATE TRIGGER consent_participant_changed AFTER UPDATE ON vibes_participants
        WHEN upper(NEW.status) IS NOT upper(OLD.status)
         AND upper(NEW.status) IN ('PENDING', 'CONFIRMED', 'REJECTED', 'EXPIRED')
    BEGIN
        INSERT INTO consent_log(at, learned_at, mdn, acquisition_id, event, source, proof, reason)
            SELECT coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', NEW.updated_at), NEW.updated_at),
                   coalesce(c.learned_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), NEW.mdn, NEW.acquisition_id,
                   CASE upper(NEW.status) WHEN 'PENDING' THEN 'confirmation_requested' WHEN 'CONFIRMED' THEN 'confirmed'
                                          WHEN 'REJECTED' THEN 'declined' ELSE 'confirmation_expired' END,
                   coalesce(c.source, 'manual'), coalesce(c.proof, ''), upper(NEW.status)
            FROM (SELECT 1) AS one
            LEFT JOIN (SELECT * FROM consent_context
                       WHERE key IN ('', 'a:' || NEW.acquisition_id || ' ' || NEW.mdn)
                       ORDER BY key DESC LIMIT 1) AS c;
    END;
    CREATE TRIGGER consent_person_flags_added AFTER INSERT ON people
        WHEN NEW.blocklisted = 1 OR NEW.unsubscribed = 1 OR NEW.marketing_suspended = 1
    BEGIN
        INSERT INTO consent_log(at, learned_at, mdn, person_id, event, source, proof)
            SELECT NEW.updated_at, coalesce(c.learned_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), NEW.phone_e164,
                   NEW.id, f.event, coalesce(c.source, 'manual'), coalesce(c.proof, '')
            FROM (SELECT 'blocklisted' AS event WHERE NEW.blocklisted = 1
                  UNION ALL SELECT 'unsubscribed' WHERE NEW.unsubscribed = 1
                  UNION ALL SELECT 'marketing_suspended' WHERE NEW.marketing_suspended = 1) AS f
            LEFT JOIN (SELECT * FROM consent_context
                       WHERE key IN ('', 'x:' || NEW.external_id, 'r:' || NEW.phone_raw)
                       ORDER BY key DESC LIMIT 1) AS c;
    END;
    CREATE TRIGGER consent_person_flags_changed AFTER UPDATE OF blocklisted, unsubscribed, marketing_suspended ON people
        WHEN NEW.blocklisted IS NOT OLD.blocklisted OR NEW.unsubscribed IS NOT OLD.unsubscribed
          OR NEW.marketing_suspended IS NOT OLD.marketing_suspended
    BEGIN
        INSERT INTO consent_log(at, learned_at, mdn, person_id, event, source, proof)
            SELECT NEW.updated_at, coalesce(c.learned_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), NEW.phone_e164,
                   NEW.id, f.event, coalesce(c.source, 'manual'), coalesce(c.proof, '')
            FROM (SELECT CASE WHEN NEW.blocklisted = 1 THEN 'blocklisted' ELSE 'unblocklisted' END AS event
                  WHERE NEW.blocklisted IS NOT OLD.blocklisted
                  UNION ALL SELECT CASE WHEN NEW.unsubscribed = 1 THEN 'unsubscribed' ELSE 'resubscribed' END
                  WHERE NEW.unsubscribed IS NOT OLD.unsubscribed
                  UNION ALL SELECT CASE WHEN NEW.marketing_suspended = 1 THEN 'marketing_suspended'
                                        ELSE 'marketing_resumed' END
                  WHERE NEW.marketing_suspended IS NOT OLD.marketing_suspended) AS f
            LEFT JOIN (SELECT * FROM consent_context
                       WHERE key IN ('', 'x:' || NEW.external_id, 'r:' || NEW.phone_raw)
                       ORDER BY key DESC LIMIT 1) AS c;
    END;
    """,
    # 10: people search: any part of a name ("first last"), an e-mail address or a number, through
    #     a trigram full-text index kept by triggers (a phrase of three characters or more matches
    #     anywhere inside a column). The number is the E.164 one, or, when it is not valid, the
    #     number as given without its spaces, dashes, brackets, dots and slashes. FTS5 writes its
    #     pending entries out at every statement of a transaction, so one person at a time costs
    #     a bulk writer dearly: while ``people_search_batches`` holds a row (only ever inside such
    #     a writer's own transaction, see ``services.people.search_index_batches``) new people are
    #     left to the writer, which indexes each batch in one statement.
    """
    CREATE VIRTUAL TABLE people_search USING fts5(name, email, phone, tokenize = 'trigram', columnsize = 0);
    CREATE TABLE people_search_batches (writer TEXT PRIMARY KEY) WITHOUT ROWID;
    INSERT INTO people_search(rowid, name, email, phone)
        SELECT id, trim(first_name || ' ' || last_name), email,
               coalesce(phone_e164, replace(replace(replace(replace(replace(replace(
                   phone_raw, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', ''))
        FROM people;
    CREATE TRIGGER people_search_added AFTER INSERT ON people
        WHEN NOT EXISTS (SELECT 1 FROM people_search_batches)
    BEGIN
        INSERT INTO people_search(rowid, name, email, phone)
            VALUES (NEW.id, trim(NEW.first_name || ' ' || NEW.last_name), NEW.email,
                    coalesce(NEW.phone_e164, replace(replace(replace(replace(replace(replace(
                        NEW.phone_raw, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', '')));
    END;
    CREATE TRIGGER people_search_removed AFTER DELETE ON people
    BEGIN
        DELETE FROM people_search WHERE rowid = OLD.id;
    END;
    CREATE TRIGGER people_search_changed AFTER UPDATE OF id, first_name, last_name, email, phone_raw, phone_e164 ON people
        WHEN OLD.id != NEW.id OR OLD.first_name != NEW.first_name OR OLD.last_name != NEW.last_name
          OR OLD.email != NEW.email OR OLD.phone_raw != NEW.phone_raw OR OLD.phone_e164 IS NOT NEW.phone_e164
    BEGIN
        DELETE FROM people_search WHERE rowid = OLD.id;
        INSERT INTO people_search(rowid, name, email, phone)
            VALUES (NEW.id, trim(NEW.first_name || ' ' || NEW.last_name), NEW.email,
                    coalesce(NEW.phone_e164, replace(replace(replace(replace(replace(replace(
                        NEW.phone_raw, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', '')));
    END;
    """,
    # 11: compliance rules (services/compliance): each state's or country's sending window and frequency
    #     limits, with their source and the date they were checked; filled from the rules the app
    #     ships when the workspace is opened (rules.seed_rules), then the user's to change. Texts
    #     sent in a rolling window are counted from the ledger by when they were sent.
    """
    CREATE TABLE compliance_rules (
        scope      TEXT PRIMARY KEY,
        name       TEXT NOT NULL DEFAULT '',
        windows    TEXT NOT NULL DEFAULT '{}',
        limits     TEXT NOT NULL DEFAULT '[]',
        source     TEXT NOT NULL,
        checked    TEXT NOT NULL,
        note       TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
    CREATE INDEX ledger_sent_at ON ledger(sent_at, mdn, run_id) WHERE sent_at IS NOT NULL;
    """,
    # 12: versions of campaigns and SMS messages (services/campaign_versions). Each carries the number of
    #     its last saved version; a save made over a version other than the one opened is refused. Every
    #     saved version is kept with who saved it and when, keyed by the campaign's or message's id (no
    #     foreign key: a rename or delete keeps the history), and never changed or deleted. What a
    #     workspace holds when this runs becomes version 1, saved when it was last updated, by nobody known.
    """
    ALTER TABLE campaigns ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE sms_messages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE campaign_versions (
        campaign_id INTEGER NOT NULL,
        version     INTEGER NOT NULL,
        name        TEXT NOT NULL,
        document    TEXT NOT NULL,
        saved_by    TEXT NOT NULL DEFAULT '',
        saved_at    TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (campaign_id, version)
    );
    CREATE TABLE message_versions (
        message_id INTEGER NOT NULL,
        version    INTEGER NOT NULL,
        name       TEXT NOT NULL,
        body       TEXT NOT NULL,
        saved_by   TEXT NOT NULL DEFAULT '',
        saved_at   TEXT NOT NULL,
        note       TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (message_id, version)
    );
    INSERT INTO campaign_versions(campaign_id, version, name, document, saved_by, saved_at, note)
        SELECT id, 1, name, document, '', updated_at, 'existing' FROM campaigns ORDER BY id;
    INSERT INTO message_versions(message_id, version, name, body, saved_by, saved_at, note)
        SELECT id, 1, name, body, '', updated_at, 'existing' FROM sms_messages ORDER BY id;
    CREATE TRIGGER campaign_versions_kept BEFORE DELETE ON campaign_versions
    BEGIN
        SELECT RAISE(ABORT, 'a saved campaign version is kept: history is never deleted');
    END;
    CREATE TRIGGER campaign_versions_unchanged BEFORE UPDATE ON campaign_versions
    BEGIN
        SELECT RAISE(ABORT, 'a saved campaign version is never changed: restoring one saves it as a new version');
    END;
    CREATE TRIGGER message_versions_kept BEFORE DELETE ON message_versions
    BEGIN
        SELECT RAISE(ABORT, 'a saved SMS message version is kept: history is never deleted');
    END;
    CREATE TRIGGER message_versions_unchanged BEFORE UPDATE ON message_versions
    BEGIN
        SELECT RAISE(ABORT, 'a saved SMS message version is never changed');
    END;
    """,
    # 13: several programs serving one workspace (services/engine/leases): each program that works
    #     on runs (an agent, the app, smsflow run) is recorded with its host, pid and lease; a run's
    #     owner holds it until lease_until, which it renews while it works; an occurrence records
    #     the program that claimed it.
    """
    CREATE TABLE agents (
        id           TEXT PRIMARY KEY,
        host         TEXT NOT NULL,
        pid          INTEGER NOT NULL,
        role         TEXT NOT NULL DEFAULT 'runner',
        started_at   TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL,
        lease_s      REAL NOT NULL
    );
    ALTER TABLE runs ADD COLUMN owner TEXT;
    ALTER TABLE runs ADD COLUMN lease_until TEXT;
    CREATE INDEX runs_leased ON runs(lease_until) WHERE owner IS NOT NULL;
    ALTER TABLE automation_occurrences ADD COLUMN claimed_by TEXT;
    """,
    # 14: consent entries of a batch of membership writes in one statement (services/consent:
    #     ConsentContext.write_memberships). While a writer's batch is in ``consent_batch`` (each row:
    #     one membership, its proof and the membership as it was before the batch), the membership
    #     triggers leave that batch's memberships to the writer, which writes their entries with one
    #     INSERT ... SELECT (the triggers' own rule and values, before and after) and empties the table
    #     again; every other membership change keeps its entry from the triggers.
    """
    CREATE TABLE consent_batch (
        list_id            TEXT NOT NULL,
        mdn                TEXT NOT NULL,
        pos                INTEGER NOT NULL,
        source             TEXT NOT NULL,
        proof              TEXT NOT NULL DEFAULT '',
        existed            INTEGER NOT NULL DEFAULT 0,
        old_active         INTEGER,
        old_opt_in_date    TEXT,
        old_opt_out_date   TEXT,
        old_opt_out_reason TEXT,
        PRIMARY KEY (list_id, mdn)
    ) WITHOUT ROWID;
    DROP TRIGGER consent_membership_added;
    DROP TRIGGER consent_membership_changed;
    CREATE TRIGGER consent_membership_added AFTER INSERT ON vibes_memberships
        WHEN NOT EXISTS (SELECT 1 FROM consent_batch b WHERE b.list_id = NEW.list_id AND b.mdn = NEW.mdn)
    BEGIN
        INSERT INTO consent_log(at, learned_at, mdn, list_id, event, source, proof, reason)
            SELECT coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', d.at), d.at),
                   coalesce(c.learned_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), NEW.mdn, NEW.list_id,
                   CASE WHEN NEW.active = 1 THEN coalesce(c.opt_in_event, 'opt_in') ELSE 'opt_out' END,
                   coalesce(c.source, 'manual'), coalesce(c.proof, ''),
                   CASE WHEN NEW.active = 1 THEN '' ELSE coalesce(NEW.opt_out_reason, '') END
            FROM (SELECT CASE WHEN NEW.active = 1 THEN coalesce(NEW.opt_in_date, NEW.updated_at)
                              ELSE coalesce(NEW.opt_out_date, NEW.updated_at) END AS at) AS d
            LEFT JOIN (SELECT * FROM consent_context WHERE key IN ('', 'm:' || NEW.list_id || ' ' || NEW.mdn)
                       ORDER BY key DESC LIMIT 1) AS c;
    END;
    CREATE TRIGGER consent_membership_changed AFTER UPDATE ON vibes_memberships
        WHEN (NEW.active IS NOT OLD.active
              OR (NEW.active = 1 AND NEW.opt_in_date IS NOT NULL AND NEW.opt_in_date IS NOT OLD.opt_in_date)
              OR (NEW.active = 0 AND (NEW.opt_out_date IS NOT OLD.opt_out_date
                                      OR NEW.opt_out_reason IS NOT OLD.opt_out_reason)))
         AND NOT EXISTS (SELECT 1 FROM consent_batch b WHERE b.list_id = NEW.list_id AND b.mdn = NEW.mdn)
    BEGIN
        INSERT INTO consent_log(at, learned_at, mdn, list_id, event, source, proof, reason)
            SELECT coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', d.at), d.at),
                   coalesce(c.learned_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), NEW.mdn, NEW.list_id,
                   CASE WHEN NEW.active = 1 THEN coalesce(c.opt_in_event, 'opt_in') ELSE 'opt_out' END,
                   coalesce(c.source, 'manual'), coalesce(c.proof, ''),
                   CASE WHEN NEW.active = 1 THEN '' ELSE coalesce(NEW.opt_out_reason, '') END
            FROM (SELECT CASE WHEN NEW.active = 1 THEN coalesce(NEW.opt_in_date, NEW.updated_at)
                              ELSE coalesce(NEW.opt_out_date, NEW.updated_at) END AS at) AS d
            LEFT JOIN (SELECT * FROM consent_context WHERE key IN ('', 'm:' || NEW.list_id || ' ' || NEW.mdn)
                       ORDER BY key DESC LIMIT 1) AS c;
    END;
    """,
    # 15: the triggers on new people (the names of their custom fields, the person-created event, the
    #     consent entries of their flags, their search row) become, on PostgreSQL, triggers that run
    #     once per statement over all of its new rows, with the same effects in the same order, so a
    #     bulk writer (the people import's COPY of a batch) pays for them once a statement rather than
    #     once a person. SQLite has only row triggers: there they are created again as they were.
    """
    DROP TRIGGER people_custom_fields_added;
    CREATE TRIGGER people_custom_fields_added AFTER INSERT ON people
        WHEN NEW.custom_fields != '{}'
    BEGIN
        INSERT INTO custom_fields(name) SELECT DISTINCT j.key FROM json_each(NEW.custom_fields) AS j
            WHERE NOT EXISTS (SELECT 1 FROM custom_fields c WHERE c.name = j.key);
    END;
    DROP TRIGGER automation_person_created;
    CREATE TRIGGER automation_person_created AFTER INSERT ON people
        WHEN EXISTS (SELECT 1 FROM automation_listens WHERE kind = 'person_is_created')
    BEGIN
        INSERT INTO automation_events(kind, subject, person_id, at)
            VALUES ('person_is_created', '', NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
    END;
    DROP TRIGGER consent_person_flags_added;
    CREATE TRIGGER consent_person_flags_added AFTER INSERT ON people
        WHEN NEW.blocklisted = 1 OR NEW.unsubscribed = 1 OR NEW.marketing_suspended = 1
    BEGIN
        INSERT INTO consent_log(at, learned_at, mdn, person_id, event, source, proof)
            SELECT NEW.updated_at, coalesce(c.learned_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), NEW.phone_e164,
                   NEW.id, f.event, coalesce(c.source, 'manual'), coalesce(c.proof, '')
            FROM (SELECT 'blocklisted' AS event WHERE NEW.blocklisted = 1
                  UNION ALL SELECT 'unsubscribed' WHERE NEW.unsubscribed = 1
                  UNION ALL SELECT 'marketing_suspended' WHERE NEW.marketing_suspended = 1) AS f
            LEFT JOIN (SELECT * FROM consent_context
                       WHERE key IN ('', 'x:' || NEW.external_id, 'r:' || NEW.phone_raw)
                       ORDER BY key DESC LIMIT 1) AS c;
    END;
    DROP TRIGGER people_search_added;
    CREATE TRIGGER people_search_added AFTER INSERT ON people
        WHEN NOT EXISTS (SELECT 1 FROM people_search_batches)
    BEGIN
        INSERT INTO people_search(rowid, name, email, phone)
            VALUES (NEW.id, trim(NEW.first_name || ' ' || NEW.last_name), NEW.email,
                    coalesce(NEW.phone_e164, replace(replace(replace(replace(replace(replace(
                        NEW.phone_raw, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', '')));
    END;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNewError(RuntimeError):
    """The workspace was written by a newer release than this one."""


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to ``target``; return the version it started at."""
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    if start > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"this workspace uses schema version {start}; this release reads up to {SCHEMA_VERSION}. "
            "Update smsflow-desktop to open it."
        )
    for version in range(start + 1, target + 1):
        script = MIGRATIONS[version - 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start


def _statements(script: str) -> list[str]:
    """Split a migration into whole statements (a trigger's body holds ';' of its own)."""
    out: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                out.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        raise ValueError(f"incomplete statement in a migration: {pending.strip()[:80]!r}")
    return out

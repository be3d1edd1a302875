-- +goose Up
-- Tribunal systems the vault knows (JUDIT "Cofre de Credenciais"): the
-- listing answers for every one of them. "*" is the wildcard entry used by
-- systems without their own. two_factor: the system asks for a TOTP code,
-- so an entry must carry its seed.
CREATE TABLE vault_systems (
    name       TEXT PRIMARY KEY,
    tribunal   TEXT NOT NULL,
    degree     TEXT NOT NULL,
    two_factor INTEGER NOT NULL,
    position   INTEGER NOT NULL
);
INSERT INTO vault_systems (name, tribunal, degree, two_factor, position) VALUES
    ('*', 'Todos os sistemas sem credencial própria', '', 0, 0),
    ('PJE TJBA - 1º grau', 'TJBA', '1º grau', 0, 1),
    ('PJE TJBA - 2º grau', 'TJBA', '2º grau', 0, 2),
    ('PJE TJAP - 1º grau', 'TJAP', '1º grau', 0, 3),
    ('PJE TJAP - 2º grau', 'TJAP', '2º grau', 0, 4),
    ('PJE TJPE - 1º grau', 'TJPE', '1º grau', 0, 5),
    ('PJE TJPE - 2º grau', 'TJPE', '2º grau', 0, 6),
    ('PJE TJMG - 1º grau', 'TJMG', '1º grau', 0, 7),
    ('PJE TJMG - 2º grau', 'TJMG', '2º grau', 0, 8),
    ('PJE TJDFT - 1º grau', 'TJDFT', '1º grau', 0, 9),
    ('PJE TJDFT - 2º grau', 'TJDFT', '2º grau', 0, 10),
    ('PJE TJMA - 1º grau', 'TJMA', '1º grau', 0, 11),
    ('PJE TJMA - 2º grau', 'TJMA', '2º grau', 0, 12),
    ('PJE TJPB - 1º grau', 'TJPB', '1º grau', 0, 13),
    ('PJE TJPB - 2º grau', 'TJPB', '2º grau', 0, 14),
    ('PJE TJRN - 1º grau', 'TJRN', '1º grau', 0, 15),
    ('PJE TJRN - 2º grau', 'TJRN', '2º grau', 0, 16),
    ('PJE INTER TJBA - 1º grau', 'TJBA', '1º grau', 0, 17),
    ('PJE TRF1 - 1º grau', 'TRF1', '1º grau', 0, 18),
    ('PJE TRF1 - 2º grau', 'TRF1', '2º grau', 0, 19),
    ('PJE TRF3 - 1º grau', 'TRF3', '1º grau', 0, 20),
    ('PJE TRF3 - 2º grau', 'TRF3', '2º grau', 0, 21),
    ('PJE TRF5 - 1º grau', 'TRF5', '1º grau', 0, 22),
    ('PJE TRF5 - 2º grau', 'TRF5', '2º grau', 0, 23),
    ('PJE TRF6 - 1º grau', 'TRF6', '1º grau', 0, 24),
    ('PJE TRF6 - 2º grau', 'TRF6', '2º grau', 0, 25),
    ('PJE TRT1 - 1º grau', 'TRT1', '1º grau', 0, 26),
    ('PJE TRT1 - 2º grau', 'TRT1', '2º grau', 0, 27),
    ('PJE TRT2 - 1º grau', 'TRT2', '1º grau', 0, 28),
    ('PJE TRT2 - 2º grau', 'TRT2', '2º grau', 0, 29),
    ('PJE TRT3 - 1º grau', 'TRT3', '1º grau', 0, 30),
    ('PJE TRT3 - 2º grau', 'TRT3', '2º grau', 0, 31),
    ('PJE TRT15 - 1º grau', 'TRT15', '1º grau', 0, 32),
    ('PJE TRT15 - 2º grau', 'TRT15', '2º grau', 0, 33),
    ('ESAJ - TJSP - 1º grau', 'TJSP', '1º grau', 1, 34),
    ('ESAJ - TJSP - 2º grau', 'TJSP', '2º grau', 1, 35),
    ('ESAJ - TJAC - 1º grau', 'TJAC', '1º grau', 0, 36),
    ('ESAJ - TJAC - 2º grau', 'TJAC', '2º grau', 0, 37),
    ('ESAJ - TJAL - 1º grau', 'TJAL', '1º grau', 0, 38),
    ('ESAJ - TJAL - 2º grau', 'TJAL', '2º grau', 0, 39),
    ('ESAJ - TJAM - 1º grau', 'TJAM', '1º grau', 0, 40),
    ('ESAJ - TJAM - 2º grau', 'TJAM', '2º grau', 0, 41),
    ('ESAJ - TJCE - 1º grau', 'TJCE', '1º grau', 0, 42),
    ('ESAJ - TJCE - 2º grau', 'TJCE', '2º grau', 0, 43),
    ('ESAJ - TJMS - 1º grau', 'TJMS', '1º grau', 0, 44),
    ('ESAJ - TJMS - 2º grau', 'TJMS', '2º grau', 0, 45),
    ('EPROC - TRF4 - 1º grau', 'TRF4', '1º grau', 1, 46),
    ('EPROC - TRF4 - 2º grau', 'TRF4', '2º grau', 1, 47),
    ('EPROC - TRF2 - 1º grau', 'TRF2', '1º grau', 0, 48),
    ('EPROC - TRF2 - 2º grau', 'TRF2', '2º grau', 0, 49),
    ('EPROC - TJRS - 1º grau', 'TJRS', '1º grau', 1, 50),
    ('EPROC - TJRS - 2º grau', 'TJRS', '2º grau', 1, 51),
    ('EPROC - TJSC - 1º grau', 'TJSC', '1º grau', 0, 52),
    ('EPROC - TJSC - 2º grau', 'TJSC', '2º grau', 0, 53),
    ('EPROC - TJTO - 1º grau', 'TJTO', '1º grau', 0, 54),
    ('EPROC - TJTO - 2º grau', 'TJTO', '2º grau', 0, 55),
    ('PROJUDI - TJPR - 1º grau', 'TJPR', '1º grau', 0, 56),
    ('PROJUDI - TJPR - 2º grau', 'TJPR', '2º grau', 0, 57),
    ('PROJUDI - TJGO - 1º grau', 'TJGO', '1º grau', 0, 58),
    ('PROJUDI - TJGO - 2º grau', 'TJGO', '2º grau', 0, 59),
    ('PROJUDI - TJRR - 1º grau', 'TJRR', '1º grau', 0, 60),
    ('PROJUDI - TJRR - 2º grau', 'TJRR', '2º grau', 0, 61);

-- Entries, sealed (server/vault): a data key per entry wrapped by the
-- master key named by key_id; both bound to (institution, customer_key,
-- system). Nothing here is readable without the master key.
CREATE TABLE vault_entries (
    institution_cnpj TEXT NOT NULL REFERENCES institutions (cnpj),
    customer_key     TEXT NOT NULL,
    system_name      TEXT NOT NULL REFERENCES vault_systems (name),
    key_id           TEXT NOT NULL,
    wrapped_key      BLOB NOT NULL,
    ciphertext       BLOB NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    PRIMARY KEY (institution_cnpj, customer_key, system_name)
);

-- key_check: proves a master key is the one that wrapped the entries.
CREATE TABLE vault_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Who wrote, deleted or resolved what (never a value). Append-only.
CREATE TABLE vault_audit (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    at               TEXT NOT NULL,
    actor_id         TEXT NOT NULL,
    actor_name       TEXT NOT NULL,
    institution_cnpj TEXT NOT NULL,
    action           TEXT NOT NULL,
    customer_key     TEXT NOT NULL,
    system_name      TEXT NOT NULL,
    outcome          TEXT NOT NULL
);
CREATE TRIGGER vault_audit_no_update BEFORE UPDATE ON vault_audit
BEGIN SELECT RAISE(ABORT, 'vault audit is append-only'); END;
CREATE TRIGGER vault_audit_no_delete BEFORE DELETE ON vault_audit
BEGIN SELECT RAISE(ABORT, 'vault audit is append-only'); END;

-- Machine clients (gecli service add): client credentials with a scope,
-- for one institution. Only the secret's SHA-256 is kept.
CREATE TABLE service_clients (
    client_id        TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    institution_cnpj TEXT NOT NULL REFERENCES institutions (cnpj),
    scope            TEXT NOT NULL,
    secret_hash      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    disabled         INTEGER NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE service_clients;
DROP TRIGGER vault_audit_no_delete;
DROP TRIGGER vault_audit_no_update;
DROP TABLE vault_audit;
DROP TABLE vault_meta;
DROP TABLE vault_entries;
DROP TABLE vault_systems;

-- Crypto-shredding of personal data. Each user has at most one live data key (AES-256), stored wrapped by the
-- key-encryption key; erasing the user destroys it (wrapped_key set to NULL) and keeps the row as a tombstone, so
-- that a value under a destroyed key is told apart from one under a key that never existed (an error).
CREATE TABLE personal_data_key (
    key_id       UUID         NOT NULL,
    user_id      VARCHAR(64)  NOT NULL,
    wrapped_key  BYTEA,
    kek_id       VARCHAR(100) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    destroyed_at TIMESTAMPTZ,
    PRIMARY KEY (key_id),
    CONSTRAINT personal_data_key_destroyed CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);

-- one live key per user: two nodes making a user's first key cannot both win
CREATE UNIQUE INDEX personal_data_key_live ON personal_data_key (user_id) WHERE destroyed_at IS NULL;

-- every erasure: who, when, and by whom (ids only)
CREATE TABLE personal_data_erasure (
    id             BIGSERIAL    NOT NULL,
    user_id        VARCHAR(64)  NOT NULL,
    erased_at      TIMESTAMPTZ  NOT NULL,
    erased_by      VARCHAR(128) NOT NULL,
    keys_destroyed INTEGER      NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX personal_data_erasure_user_idx ON personal_data_erasure (user_id);

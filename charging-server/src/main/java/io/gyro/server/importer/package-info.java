/**
 * Import of subscribers from an existing billing system: a CSV file (columns in the root README, "Importing
 * subscribers") validated row by row, good rows created as one CREATE_ACCOUNT ledger command each (identities,
 * balance, limits and buckets together, so nothing is half-applied), bad rows reported with their line number and
 * reason. Keyed on the identities: a re-run skips subscribers that exist and creates nobody twice. Used by
 * {@code gyro import FILE.csv} and {@code POST /api/v1/import}.
 * <p>
 * Depends on the ledger gateway and the configuration's money and size parsers; must not depend on the admin API
 * (which calls it) or the protocol lanes.
 */
package io.gyro.server.importer;

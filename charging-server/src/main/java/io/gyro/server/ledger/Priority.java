package io.gyro.server.ledger;

/**
 * Which commands give way first when the ring fills (ARCHITECTURE.md §2, issue 4): new sessions shed first,
 * updates next, terminations and RADIUS Stops only when the ring is full; admin writes publish only while the
 * ring is below half full; timer ticks are never shed.
 */
public enum Priority
{
    /** CCR-I, CCR-E, RADIUS Start and Access-Request: shed above the configured occupancy (default 75%). */
    NEW_SESSION,
    /** CCR-U and RADIUS Interim: shed above {@link LedgerGateway#UPDATE_SHED_OCCUPANCY}. */
    UPDATE,
    /** CCR-T and RADIUS Stop: shed only when no slot is free. */
    TERMINATION,
    /** Admin API and import writes: only while the ring is below the admin threshold (default 50%). */
    ADMIN,
    /** Tick and other internal commands: never shed; the publisher waits for a slot. */
    INTERNAL
}

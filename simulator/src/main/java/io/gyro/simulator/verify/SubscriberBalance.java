package io.gyro.simulator.verify;

/**
 * One subscriber's money as the server reports it.
 *
 * @param balanceMinor   money owned: opening + credits - consumed, in minor units.
 * @param reservedMinor  money held by open sessions.
 * @param availableMinor what new reservations may take.
 * @param moneyScale     decimal places of the minor unit (4: 100.0000 is 1,000,000 minor), -1 when not reported.
 */
public record SubscriberBalance(long balanceMinor, long reservedMinor, long availableMinor, int moneyScale)
{
}

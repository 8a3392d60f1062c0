package io.gyro.config.model;

/**
 * An explicit demo account.
 *
 * @param msisdn                  MSISDN (E.164 digits).
 * @param imsi                    IMSI (E.212 digits), or null.
 * @param balanceMinor            opening balance in minor units.
 * @param password                RADIUS password; prints masked.
 * @param creditLimitMinor        how far the balance may go below zero; 0 for prepaid.
 * @param lowBalanceThresholdMinor balance at or below which Low-Balance-Indication is sent; 0 = never.
 */
public record DemoAccount(
    String msisdn,
    String imsi,
    long balanceMinor,
    Secret password,
    long creditLimitMinor,
    long lowBalanceThresholdMinor)
{
}

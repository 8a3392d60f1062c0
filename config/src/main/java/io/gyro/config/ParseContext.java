package io.gyro.config;

import io.gyro.config.model.UnitType;

/**
 * What parsing one value may depend on besides its own text.
 *
 * @param moneyScale {@code ledger.money-scale}: decimal places allowed in amounts.
 * @param unit       the unit of the tariff being read, or null outside a tariff or when its unit is invalid.
 */
record ParseContext(int moneyScale, UnitType unit)
{
    ParseContext withUnit(final UnitType tariffUnit)
    {
        return new ParseContext(moneyScale, tariffUnit);
    }
}

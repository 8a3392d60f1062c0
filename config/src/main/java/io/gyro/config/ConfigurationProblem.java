package io.gyro.config;

/**
 * One thing wrong with a configuration.
 *
 * @param keyPath the concrete key path, e.g. {@code tariffs[1].price}; empty for a problem with the file itself.
 * @param kind    what sort of problem.
 * @param value   the offending value as written ({@link io.gyro.config.model.Secret#MASK} for secrets), or null.
 * @param detail  for {@link Kind#BAD_VALUE} what is allowed; otherwise what is wrong.
 * @param origin  where the value came from, e.g. {@code gyro.yaml line 12}, {@code environment GYRO_ADMIN_TOKEN},
 *                {@code command line}; null if unknown.
 */
public record ConfigurationProblem(String keyPath, Kind kind, String value, String detail, String origin)
{
    /** Sorts of problem. */
    public enum Kind
    {
        /** A value that its key does not allow. */
        BAD_VALUE,
        /** A required key that has no value. */
        MISSING,
        /** A key that does not exist, e.g. a typo. */
        UNKNOWN_KEY,
        /** The file or an override cannot be read as a configuration at all (syntax, shape). */
        MALFORMED
    }

    /**
     * @return the problem in one line: {@code key.path: bad value 'x' — allowed: ... (origin)} for a bad value,
     *         {@code key.path: missing — ...}, {@code key.path: unknown key — ...} or {@code key.path: ...}.
     */
    public String message()
    {
        final String where = keyPath.isEmpty() ? (null == origin ? "configuration" : origin) : keyPath;
        final String what;
        switch (kind)
        {
            case BAD_VALUE:
                what = "bad value '" + value + "' — allowed: " + detail;
                break;
            case MISSING:
                what = "missing — " + detail;
                break;
            case UNKNOWN_KEY:
                what = "unknown key — " + detail;
                break;
            default:
                what = detail;
                break;
        }
        final boolean showOrigin = null != origin && !keyPath.isEmpty();
        return where + ": " + what + (showOrigin ? " (" + origin + ")" : "");
    }

    @Override
    public String toString()
    {
        return message();
    }
}

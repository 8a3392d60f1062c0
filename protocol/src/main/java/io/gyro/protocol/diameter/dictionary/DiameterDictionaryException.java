package io.gyro.protocol.diameter.dictionary;

/**
 * A dictionary file could not be loaded: it is malformed XML, or its data is inconsistent (unknown data type,
 * a rule naming an AVP nobody defines, two AVPs with the same vendor and code, ...).
 * <p>
 * Thrown only while loading, which happens once at start-up; a server must not start with a broken
 * dictionary. The message names the file, the line and the problem.
 */
public final class DiameterDictionaryException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** File name (last path segment) the problem is in. */
    private final String file;
    /** 1-based line of the offending element, 0 when unknown. */
    private final int line;

    /**
     * @param file    the file (last path segment of its URL) the problem is in
     * @param line    1-based line of the offending element, or 0 when unknown
     * @param problem what is wrong, in words
     */
    public DiameterDictionaryException(final String file, final int line, final String problem)
    {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /**
     * @param file    the file the problem is in
     * @param line    1-based line, or 0 when unknown
     * @param problem what is wrong, in words
     * @param cause   the underlying parser or I/O failure
     */
    public DiameterDictionaryException(final String file, final int line, final String problem, final Throwable cause)
    {
        super(file + ":" + line + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    /**
     * @return the file name the problem is in
     */
    public String file()
    {
        return file;
    }

    /**
     * @return the 1-based line of the offending element, or 0 when unknown
     */
    public int line()
    {
        return line;
    }
}

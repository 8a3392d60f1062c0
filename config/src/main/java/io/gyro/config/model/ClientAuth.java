package io.gyro.config.model;

/** Whether a TLS listener asks Diameter peers for a client certificate. */
public enum ClientAuth implements ConfigEnum
{
    /** No client certificate requested. */
    NONE("none"),
    /** Requested; a peer without one is still accepted, a peer with one must match its Origin-Host. */
    OPTIONAL("optional"),
    /** Required, and it must name the peer's Origin-Host (RFC 6733 §13.1). */
    REQUIRE("require");

    private final String configName;

    ClientAuth(final String configName)
    {
        this.configName = configName;
    }

    @Override
    public String configName()
    {
        return configName;
    }

    @Override
    public String toString()
    {
        return configName;
    }
}

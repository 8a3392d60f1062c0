package io.gyro.config.model;

/**
 * An enumerated configuration value: each constant knows the kebab-case word that stands for it in
 * {@code gyro.yaml}, in environment variables and on the command line.
 */
public interface ConfigEnum
{
    /** @return the word written in the configuration, e.g. {@code retry-and-terminate}. */
    String configName();
}

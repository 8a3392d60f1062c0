/**
 * Traffic simulator entry point and run options.
 */
package io.gyro.simulator;

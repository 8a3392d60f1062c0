/**
 * Load control shared by the Diameter and RADIUS simulators: the open-loop schedule of intended send times and the
 * ring of sessions ready to send. Pure logic on injected times; no Netty, no protocol code.
 */
package io.gyro.simulator.load;

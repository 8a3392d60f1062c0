/**
 * Netty transport choice shared by the Diameter, RADIUS and admin listeners: native epoll on Linux where it
 * loads, NIO otherwise.
 */
package io.gyro.server.net;

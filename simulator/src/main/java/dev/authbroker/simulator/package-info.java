/**
 * A strict fake of Instagram API with Instagram Login, for tests and the local run; it never goes into the
 * production WAR.
 */
package dev.authbroker.simulator;

/**
 * A strict, in-process fake of <em>Instagram API with Instagram Login</em> (the successor of the Basic Display API
 * retired on 2024-12-04), for unit tests, the black-box ITs and the local run. It never goes into the production WAR.
 *
 * <p>It owns: registered apps and their exact redirect URIs ({@link dev.authbroker.simulator.Apps}), test users and
 * their generated media ({@link dev.authbroker.simulator.Users}, {@link dev.authbroker.simulator.MediaLibrary}),
 * single-use authorization codes and tokens ({@link dev.authbroker.simulator.Codes},
 * {@link dev.authbroker.simulator.Tokens}), and what tests observe or steer: call counts, seen parameters and
 * injected faults ({@link dev.authbroker.simulator.CallLog}, {@link dev.authbroker.simulator.Faults}).
 *
 * <p>It is strict on purpose: everything the real provider refuses (a redirect URI off by one character, a reused
 * code, a token younger than 24 hours at refresh, an unknown field) it refuses too, in Meta's error shapes, so the
 * broker's tests catch mistakes a lenient fake would hide. Only the JDK is used (com.sun.net.httpserver), so the
 * simulator starts in milliseconds and drags no dependency into the modules that test against it.
 */
package dev.authbroker.simulator;

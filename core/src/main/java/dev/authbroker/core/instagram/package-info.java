/**
 * Everything Meta-specific: the Instagram API with Instagram Login client, its response shapes, and (in time) the
 * signed_request of Meta's callbacks. Nothing outside the web layer's Instagram resources imports this package.
 */
package dev.authbroker.core.instagram;

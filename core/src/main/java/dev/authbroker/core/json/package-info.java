/** JSON-P shared by the Instagram client, Meta's signed requests and the admin API. */
package dev.authbroker.core.json;

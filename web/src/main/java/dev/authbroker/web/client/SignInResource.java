package dev.authbroker.web.client;

import dev.authbroker.core.authorization.AuthorizationState;
import dev.authbroker.core.crypto.RandomToken;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.web.limits.Limits;
import dev.authbroker.web.limits.RateLimitedException;
import dev.authbroker.web.metrics.BrokerMetrics;
import dev.authbroker.web.tenancy.TenantResolver;
import dev.authbroker.web.tenancy.TrustedProxies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The picker popup: {@code auth/open} starts the sign-in, {@code authCallback/open} is where Instagram sends the
 * browser back. Errors are HTML pages here, not JSON, because a person is looking at this window.
 */
@Path("client/instagram")
@RequestScoped
@Tag(name = "sign-in")
public class SignInResource {

    /** Binds a state to the browser that started it (RFC 9700 §4.7.1). */
    static final String BROWSER_COOKIE = "authbroker_browser";
    private static final Logger LOG = Logger.getLogger(SignInResource.class.getName());

    @Inject
    TenantResolver resolver;

    @Inject
    InstagramSignIn signIn;

    @Inject
    Limits limits;

    @Inject
    TrustedProxies proxies;

    @Inject
    BrokerMetrics metrics;

    @Inject
    HttpServletRequest servletRequest;

    @GET
    @Path("auth/open")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Start the Instagram sign-in: 302 to Instagram's consent page.")
    public Response open(@QueryParam("apikey") String apiKey, @QueryParam("origin") String origin,
                         @CookieParam(BROWSER_COOKIE) String browserToken) {
        try {
            limits.signInStart(proxies.clientAddress(servletRequest));
            String browser = validBrowserToken(browserToken) ? browserToken : RandomToken.create("", 32);
            // Every picker's hot path: tenant and app come from the Lookups, the state is sealed, nothing is written.
            TenantResolver.Resolved resolved = resolver.resolve(resolver.requestHost(), apiKey);
            InstagramSignIn.Started started = signIn.start(resolved, origin, browser);
            metrics.signInStarted();
            return Response.status(Response.Status.FOUND)
                    .location(URI.create(started.authorizeUrl()))
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer")
                    .cookie(browserCookie(browser, resolved.publicOrigin().startsWith("https:") || proxies.https(servletRequest)))
                    .build();
        } catch (RateLimitedException e) {
            metrics.signInFailed(e.code());
            return Response.fromResponse(PopupPages.error(e.code().httpStatus(), e.code().code(), e.getMessage(), null))
                    .header("Retry-After", e.retryAfterSeconds()).build();
        } catch (BrokerException e) {
            metrics.signInFailed(e.code());
            return PopupPages.error(e.code().httpStatus(), e.code().code(), e.getMessage(), null);
        }
    }

    @GET
    @Path("authCallback/open")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Instagram's redirect back: finishes the sign-in and informs the picker.")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error, @CookieParam(BROWSER_COOKIE) String browserToken) {
        AuthorizationState consumed;
        try {
            consumed = signIn.open(state);
        } catch (BrokerException e) {
            metrics.signInFailed(e.code());
            return PopupPages.error(e.code().httpStatus(), e.code().code(), e.getMessage(), null);
        }
        String origin = consumed.binding().origin();
        try {
            signIn.verifyAndSpend(consumed, browserToken, resolver.requestHost().host());
            if ("access_denied".equals(error)) {
                metrics.signInDenied();
                return PopupPages.denied(origin);
            }
            if (error != null) {
                metrics.signInFailed(ErrorCode.PROVIDER_ERROR);
                return PopupPages.error(ErrorCode.PROVIDER_ERROR.httpStatus(), ErrorCode.PROVIDER_ERROR.code(),
                                "Instagram did not authorize the sign-in", origin);
            }
            InstagramSignIn.Completed completed = signIn.complete(consumed, code);
            metrics.signInCompleted();
            return PopupPages.connected(origin, completed.sessionToken(), completed.username());
        } catch (BrokerException e) {
            LOG.info("sign-in failed for tenant " + consumed.binding().tenantId() + ": " + e.code().code());
            metrics.signInFailed(e.code());
            return PopupPages.error(e.code().httpStatus(), e.code().code(), e.getMessage(), origin);
        }
    }

    private static boolean validBrowserToken(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{43}");
    }

    private static NewCookie browserCookie(String value, boolean secure) {
        return new NewCookie.Builder(BROWSER_COOKIE)
                .value(value)
                .path("/api/client/instagram/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(3600)
                .build();
    }
}

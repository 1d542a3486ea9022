package io.inmesh.engine.route;

import io.inmesh.engine.fault.FaultInjector;
import io.inmesh.engine.ratelimit.LocalRateLimiter;

/**
 * One HTTP filter the mesh runs in-process before the router, with its effective config for one
 * route target: exactly one of {@link #fault} and {@link #rateLimit} is set.
 */
public record FilterStep(FaultInjector fault, LocalRateLimiter rateLimit) {}

// Test processes log only what fails; the API's own errors are asserted, not printed.
process.env.LOG_LEVEL ??= 'silent';
process.env.TZ = 'UTC';

// Test processes log only errors: a 500 prints its cause; expected 4xx answers stay quiet.
process.env.LOG_LEVEL ??= 'error';
process.env.TZ = 'UTC';

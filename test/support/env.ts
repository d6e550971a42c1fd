// Test processes log only errors: a 500 prints its cause; expected 4xx answers stay quiet.
process.env.LOG_LEVEL ??= 'error';
process.env.TZ = 'UTC';
// the first administrator of every test database, and cheap password hashing for the many test logins
process.env.ADMIN_USERNAME = 'admin';
process.env.ADMIN_PASSWORD = 'admin-password-for-tests';
process.env.ARGON2_MEMORY_KIB = '1024';
process.env.ARGON2_ITERATIONS = '1';
process.env.LOGIN_RATE_LIMIT ??= '10000';
// tests check outcomes, not latency: on a shared, loaded machine a 100-request race may queue for its
// connections longer than production's 10 s before it sheds load (503); the pool-exhaustion test sets its own
process.env.DB_POOL_WAIT_SECONDS ??= '60';

"""The fake secrets the suite uses, so one test can prove none of them is ever logged."""

BOT_TOKEN = "xoxb-0000000000-test-5ecret-bot-token"
APP_TOKEN = "xapp-1-A000-test-5ecret-app-token"
SIGNING_SECRET = "5ecret-signing-0123456789abcdef0123"
DATABASE_PASSWORD = "5ecret-db-password"
ALL = (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, DATABASE_PASSWORD)
PATTERNS = (r"xox[abpr]-[A-Za-z0-9-]{6,}", r"xapp-[A-Za-z0-9-]{6,}", r"5ecret-[A-Za-z0-9-]+")

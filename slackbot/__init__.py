"""slackbot face."""

CREATE TABLE `test_failures_by_path` (
	`repository_id` integer NOT NULL,
	`path` text NOT NULL,
	`test` text NOT NULL,
	`pull_request_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`repository_id`, `path`, `test`, `pull_request_id`)
);

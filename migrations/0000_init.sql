CREATE TABLE `actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_run_id` integer,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`payload` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`dry_run` integer DEFAULT false NOT NULL,
	`result` text,
	`url` text,
	`error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `actions_idempotency_key` ON `actions` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `actions_agent_run` ON `actions` (`agent_run_id`);--> statement-breakpoint
CREATE TABLE `agent_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pull_request_id` integer NOT NULL,
	`trigger_key` text NOT NULL,
	`trigger` text NOT NULL,
	`mode` text DEFAULT 'orchestrate' NOT NULL,
	`head_sha` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`current_node` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`started_at` text,
	`finished_at` text,
	`verdict` text,
	`decided_by` text,
	`decision` text,
	`error` text,
	`result` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_runs_trigger_key` ON `agent_runs` (`trigger_key`);--> statement-breakpoint
CREATE INDEX `agent_runs_pull_request` ON `agent_runs` (`pull_request_id`);--> statement-breakpoint
CREATE TABLE `check_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`repository_id` integer NOT NULL,
	`check_suite_id` integer,
	`name` text NOT NULL,
	`head_sha` text NOT NULL,
	`status` text,
	`conclusion` text,
	`html_url` text,
	`details_url` text,
	`started_at` text,
	`completed_at` text
);
--> statement-breakpoint
CREATE INDEX `check_runs_head_sha` ON `check_runs` (`head_sha`);--> statement-breakpoint
CREATE TABLE `check_suites` (
	`id` integer PRIMARY KEY NOT NULL,
	`repository_id` integer NOT NULL,
	`head_sha` text NOT NULL,
	`head_branch` text,
	`status` text,
	`conclusion` text,
	`app_slug` text,
	`created_at` text,
	`updated_at` text
);
--> statement-breakpoint
CREATE INDEX `check_suites_head_sha` ON `check_suites` (`head_sha`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`event` text NOT NULL,
	`action` text,
	`installation_id` integer,
	`repository_full_name` text,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`payload_bytes` integer DEFAULT 0 NOT NULL,
	`signed_with` text,
	`payload_nonce` text,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `deliveries_received_at` ON `deliveries` (`received_at`);--> statement-breakpoint
CREATE INDEX `deliveries_status` ON `deliveries` (`status`);--> statement-breakpoint
CREATE TABLE `delivery_payloads` (
	`delivery_id` text NOT NULL,
	`chunk` integer NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`delivery_id`, `chunk`)
);
--> statement-breakpoint
CREATE TABLE `deployment_statuses` (
	`id` integer PRIMARY KEY NOT NULL,
	`deployment_id` integer NOT NULL,
	`repository_id` integer NOT NULL,
	`state` text NOT NULL,
	`environment` text,
	`target_url` text,
	`created_at` text
);
--> statement-breakpoint
CREATE INDEX `deployment_statuses_deployment` ON `deployment_statuses` (`deployment_id`);--> statement-breakpoint
CREATE TABLE `deployments` (
	`id` integer PRIMARY KEY NOT NULL,
	`repository_id` integer NOT NULL,
	`sha` text NOT NULL,
	`ref` text,
	`environment` text NOT NULL,
	`creator` text,
	`created_at` text
);
--> statement-breakpoint
CREATE TABLE `failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_run_id` integer NOT NULL,
	`repository_id` integer NOT NULL,
	`pull_request_id` integer,
	`job_id` integer,
	`head_sha` text NOT NULL,
	`fingerprint` text NOT NULL,
	`category` text NOT NULL,
	`summary` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `failures_fingerprint` ON `failures` (`fingerprint`);--> statement-breakpoint
CREATE UNIQUE INDEX `failures_run_job` ON `failures` (`agent_run_id`,`job_id`);--> statement-breakpoint
CREATE TABLE `installations` (
	`id` integer PRIMARY KEY NOT NULL,
	`account_login` text NOT NULL,
	`account_type` text,
	`target_type` text,
	`repository_selection` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `protection_rule_requests` (
	`delivery_id` text PRIMARY KEY NOT NULL,
	`repository_id` integer NOT NULL,
	`installation_id` integer,
	`environment` text NOT NULL,
	`event` text,
	`callback_url` text NOT NULL,
	`sha` text,
	`ref` text,
	`pull_request_numbers` text,
	`answer` text DEFAULT 'pending' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pull_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`github_id` integer NOT NULL,
	`repository_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`author` text,
	`head_sha` text NOT NULL,
	`head_ref` text NOT NULL,
	`base_sha` text NOT NULL,
	`base_ref` text NOT NULL,
	`state` text NOT NULL,
	`draft` integer DEFAULT false NOT NULL,
	`merged` integer DEFAULT false NOT NULL,
	`merged_at` text,
	`html_url` text,
	`additions` integer,
	`deletions` integer,
	`changed_files` integer,
	`created_at` text,
	`updated_at` text NOT NULL,
	`verdict` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pull_requests_repo_number` ON `pull_requests` (`repository_id`,`number`);--> statement-breakpoint
CREATE INDEX `pull_requests_head_sha` ON `pull_requests` (`head_sha`);--> statement-breakpoint
CREATE INDEX `pull_requests_updated_at` ON `pull_requests` (`updated_at`);--> statement-breakpoint
CREATE TABLE `pushes` (
	`delivery_id` text PRIMARY KEY NOT NULL,
	`repository_id` integer NOT NULL,
	`ref` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`pusher` text,
	`commit_count` integer NOT NULL,
	`forced` integer DEFAULT false NOT NULL,
	`head_commit_at` text
);
--> statement-breakpoint
CREATE INDEX `pushes_repository` ON `pushes` (`repository_id`);--> statement-breakpoint
CREATE TABLE `repositories` (
	`id` integer PRIMARY KEY NOT NULL,
	`installation_id` integer,
	`full_name` text NOT NULL,
	`owner` text NOT NULL,
	`name` text NOT NULL,
	`private` integer DEFAULT false NOT NULL,
	`default_branch` text,
	`html_url` text,
	`pushed_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `repositories_full_name` ON `repositories` (`full_name`);--> statement-breakpoint
CREATE TABLE `token_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `workflow_jobs` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` integer NOT NULL,
	`repository_id` integer NOT NULL,
	`name` text NOT NULL,
	`head_sha` text NOT NULL,
	`status` text,
	`conclusion` text,
	`run_attempt` integer,
	`html_url` text,
	`started_at` text,
	`completed_at` text,
	`failed_step` text
);
--> statement-breakpoint
CREATE INDEX `workflow_jobs_run_id` ON `workflow_jobs` (`run_id`);--> statement-breakpoint
CREATE INDEX `workflow_jobs_head_sha` ON `workflow_jobs` (`head_sha`);--> statement-breakpoint
CREATE TABLE `workflow_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`repository_id` integer NOT NULL,
	`name` text,
	`event` text,
	`head_sha` text NOT NULL,
	`head_branch` text,
	`status` text,
	`conclusion` text,
	`run_number` integer,
	`run_attempt` integer,
	`html_url` text,
	`pull_request_numbers` text,
	`run_started_at` text,
	`created_at` text,
	`updated_at` text
);
--> statement-breakpoint
CREATE INDEX `workflow_runs_head_sha` ON `workflow_runs` (`head_sha`);
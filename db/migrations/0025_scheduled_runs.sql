CREATE TABLE "scheduled_runs" (
	"function_id" text NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "scheduled_runs_function_id_slot_pk" PRIMARY KEY("function_id","slot")
);

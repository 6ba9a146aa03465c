-- CreateTable
CREATE TABLE "Source" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "verify" TEXT NOT NULL,
    "secretEnv" TEXT,
    "tokenEnv" TEXT,
    "apiUrl" TEXT,
    "surveyId" TEXT,
    "mappings" TEXT NOT NULL,
    "team" TEXT,
    "touchpoint" TEXT,
    "pollMinutes" INTEGER,
    "pollCursor" TIMESTAMP(3),
    "pollFailures" INTEGER NOT NULL DEFAULT 0,
    "pollRetryAt" TIMESTAMP(3),
    "pollError" TEXT,
    "lastAnswerAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceDay" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "answers" INTEGER NOT NULL DEFAULT 0,
    "refusals" INTEGER NOT NULL DEFAULT 0,
    "lastRefusal" TEXT,
    "lastRefusalAt" TIMESTAMP(3),

    CONSTRAINT "SourceDay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Source_name_key" ON "Source"("name");

-- CreateIndex
CREATE UNIQUE INDEX "SourceDay_source_day_key" ON "SourceDay"("source", "day");

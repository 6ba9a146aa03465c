-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "weeklyCron" TEXT;

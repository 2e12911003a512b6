import { Module } from '@nestjs/common';
import { DailyUsage } from './daily-usage.service.js';
import { QuotaRedis } from './quota-redis.service.js';
import { RateLimiter } from './rate-limiter.service.js';

/** Request rates and daily usage per caller, shared by every replica through Redis when configured. */
@Module({ providers: [QuotaRedis, RateLimiter, DailyUsage], exports: [RateLimiter, DailyUsage] })
export class QuotaModule {}

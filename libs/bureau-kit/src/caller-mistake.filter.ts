import { Catch, type ExceptionFilter } from '@nestjs/common';
import { GraphQLError } from 'graphql';

/**
 * A resolver's GraphQLError (an invalid argument, BAD_USER_INPUT) is the
 * caller's mistake, answered to the caller as it is: Nest's exception
 * handler would otherwise log each one as an error with its stack trace.
 * Anything else still reaches Nest's handler and is logged.
 */
@Catch(GraphQLError)
export class CallerMistakeFilter implements ExceptionFilter {
  catch(error: GraphQLError): GraphQLError {
    return error;
  }
}
